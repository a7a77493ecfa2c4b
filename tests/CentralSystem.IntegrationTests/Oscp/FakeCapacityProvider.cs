using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CentralSystem.IntegrationTests.Oscp;

/// <summary>
/// A capacity provider's endpoint on loopback (real Kestrel, real sockets): records every request our server makes
/// and answers 204, or whatever <see cref="NextStatus"/> says.
/// </summary>
public sealed class FakeCapacityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private FakeCapacityProvider(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>What the capacity provider registers as its base_url (role and version included, digest §1).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Status for the next requests; 204 by default.</summary>
    public int NextStatus { get; set; } = 204;

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<FakeCapacityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeCapacityProvider? self = null;
        app.MapMethods("/oscp/cp/2.0/{message}", ["POST", "PUT", "DELETE"], async (HttpContext context, string message) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            self!._received.Enqueue(new ReceivedRequest(
                context.Request.Method, message, context.Request.Headers.Authorization.ToString(),
                context.Request.Headers["X-Request-ID"].ToString(), context.Request.Headers["X-Correlation-ID"].ToString(),
                context.Request.ContentType, body, DateTimeOffset.UtcNow));
            context.Response.StatusCode = self.NextStatus;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakeCapacityProvider(app, new Uri($"{address}/oscp/cp/2.0"));
        return self;
    }

    public async Task<ReceivedRequest> WaitForAsync(string message, Func<ReceivedRequest, bool>? predicate = null, int count = 1, double timeoutSeconds = 10)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var matching = _received.Where(r => r.Message == message && (predicate is null || predicate(r))).ToList();
            if (matching.Count >= count)
            {
                return matching[count - 1];
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"no {count}× '{message}' within {timeoutSeconds} s; received: {string.Join(", ", _received.Select(r => r.Message))}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record ReceivedRequest(
    string Method, string Message, string Authorization, string RequestId, string CorrelationId, string? ContentType, string Body, DateTimeOffset At)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
