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
