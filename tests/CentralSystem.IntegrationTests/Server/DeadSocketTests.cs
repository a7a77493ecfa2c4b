using System.Net.Http.Json;
using System.Text.Json;
using CentralSystem.Ocpp.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace CentralSystem.IntegrationTests.Server;

[Category("db")]
[CancelAfter(60_000)]
public class DeadSocketTests
{
    private const string Password = "integration-password-2";

    [Test]
    public async Task A_peer_that_stops_answering_pings_is_dropped_within_ping_interval_plus_timeout()
    {
        await using var server = await RunningServer.StartAsync("--Ocpp:PingIntervalSeconds=1", "--Ocpp:PingTimeoutSeconds=1");
        var id = $"silent-{Guid.NewGuid():N}"[..30];
        await server.RegisterChargerAsync(id, Password);
        using var peer = new SilentPeer();
        var handshake = await peer.ConnectAsync(server.BaseUri, id, Password);
        Assert.That(handshake, Does.StartWith("HTTP/1.1 101"));

        await server.WaitUntilConnectedAsync(id);
        var registry = server.Services.GetRequiredService<ConnectionRegistry>();

        // Ping after 1 s, no pong within 1 s: the server aborts; allow scheduling slack on a busy machine.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (registry.TryGet(id, out _) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.That(registry.TryGet(id, out _), Is.False, "the silent connection should have been dropped");
        var charger = await server.Http.GetFromJsonAsync<JsonElement>($"/api/chargers/{id}");
        Assert.That(charger.GetProperty("connected").GetBoolean(), Is.False);
    }
}
