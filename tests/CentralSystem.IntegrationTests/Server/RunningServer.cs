using CentralSystem.Ocpp.Transport;
using System.Net.Http.Json;
using CentralSystem.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CentralSystem.IntegrationTests.Server;

/// <summary>The real server (same composition as Program.cs) on a loopback port, against the test run's PostgreSQL.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    public const string ApiKey = "integration-test-key";

    private readonly WebApplication _app;

    private RunningServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    public Uri BaseUri { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public Uri OcppUri(string chargerId) => new($"ws://{BaseUri.Authority}/ocpp/{Uri.EscapeDataString(chargerId)}");

    public static async Task<RunningServer> StartAsync(params string[] settings)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:CentralSystem={TestDatabase.ConnectionString}",
            $"--Operator:ApiKey={ApiKey}",
            .. settings,
        ];
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ProgressLoggerProvider(LogLevel.Warning));
        await builder.AddCentralSystemAsync();
        var app = builder.Build();
        app.MapCentralSystem();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningServer(app, new Uri(address));
    }

    /// <summary>
    /// Waits until the server holds <paramref name="chargerId"/>'s connection. The server registers a connection just
    /// after it has sent the 101, so a client can read the 101 first (with inline scheduling it sometimes does); a
    /// test that calls the charger from the server side right after connecting waits here first.
    /// </summary>
    public async Task WaitUntilConnectedAsync(string chargerId)
    {
        var registry = Services.GetRequiredService<ConnectionRegistry>();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!registry.TryGet(chargerId, out _) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.That(registry.TryGet(chargerId, out _), Is.True, $"{chargerId} was not registered within 5 s of its 101");
    }

    public async Task RegisterChargerAsync(string id, string password, string status = "Accepted")
    {
        var response = await Http.PostAsJsonAsync("/api/chargers", new { id, password, status });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
