using System.Text;
using CentralSystem.Oscp;
using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Persistence;
using CentralSystem.Oscp.Registration;

namespace CentralSystem.Tests.Oscp;

/// <summary>Digest §8.1: ended blocks are kept for a while, then an edge evaluation drops them and persists that.</summary>
[TestFixture]
public sealed class OscpPruningTests
{
    [Test]
    public async Task Blocks_that_ended_longer_ago_than_the_retention_are_pruned_and_the_removal_persisted()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        var registry = new OscpPeerRegistry(clock);
        var store = new InMemoryOscpStateStore();
        using var provider = new OscpFlexibilityProvider(
            registry, new RequestIdLedger(clock, TimeSpan.FromHours(24)), new OscpOutboundQueue(),
            new OscpEndpointOptions { OurBaseUrl = new Uri("https://csms.example.com/oscp/fp/2.0") }, clock, store);
        var token = await provider.CreatePeerAsync("dso", OscpPeerRole.CapacityProvider, CancellationToken.None);
        await provider.BindGroupAsync("dso", new OscpGroupBinding("g", "site", "grid"), CancellationToken.None);
        await provider.HandleAsync(OscpMessageKind.Register, Request(token, """{"token":"B","version_url":[{"version":"2.0","base_url":"https://dso.example.com/oscp/cp/2.0"}]}"""));
        var forecast = await provider.HandleAsync(OscpMessageKind.UpdateGroupCapacityForecast, Request(token, """
            {"group_id":"g","type":"CONSUMPTION","forecasted_blocks":[
              {"capacity":10,"phase":"ALL","unit":"KW","start_time":"2026-03-01T10:00:00Z","end_time":"2026-03-01T11:00:00Z"}]}
            """));
        Assert.That(forecast.StatusCode, Is.EqualTo(204));

        clock.Advance(TimeSpan.FromDays(6));
        await provider.EvaluateGroupAsync("g", CancellationToken.None);
        Assert.That(provider.Tracker("g")!.Store.Blocks("g", CapacityForecastType.Consumption), Has.Count.EqualTo(1), "kept for a while after it ended");

        clock.Advance(TimeSpan.FromDays(2));
        await provider.EvaluateGroupAsync("g", CancellationToken.None);

        Assert.That(provider.Tracker("g")!.Store.Blocks("g", CapacityForecastType.Consumption), Is.Empty);
        var removal = store.Commits[^1].Forecasts.Single(f => f.Type == CapacityForecastType.Consumption);
        Assert.That(removal.Blocks, Is.Empty);
    }

    private static OscpInboundRequest Request(string token, string body) =>
        new("POST", $"Token {token}", Guid.NewGuid().ToString("N"), "application/json", Encoding.UTF8.GetBytes(body));
}
