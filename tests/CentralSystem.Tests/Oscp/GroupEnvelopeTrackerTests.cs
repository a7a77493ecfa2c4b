using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Messages;
using static CentralSystem.Tests.Oscp.Forecasts;

namespace CentralSystem.Tests.Oscp;

[TestFixture]
public sealed class GroupEnvelopeTrackerTests
{
    private static readonly EnvelopeOptions Options = new() { OfflineSkew = TimeSpan.FromSeconds(5) };

    private static (GroupEnvelopeTracker Tracker, ManualTimeProvider Clock) Create(double hour = -1)
    {
        var clock = new ManualTimeProvider(At(hour));
        return (new GroupEnvelopeTracker("site-42", Options, clock), clock);
    }

    private static EnvelopeLifecycleState[] Path(IReadOnlyList<EnvelopeTransition> transitions) => [.. transitions.Select(t => t.To)];

    [Test]
    public void Future_forecast_goes_received_pending_active_expired()
    {
        var (tracker, clock) = Create(hour: -1);
        Assert.That(tracker.State, Is.EqualTo(EnvelopeLifecycleState.None));

        tracker.OnForecast(Consumption(Block(0, 2, 10)), "r1");
        Assert.That(tracker.State, Is.EqualTo(EnvelopeLifecycleState.Received));

        Assert.That(Path(tracker.Evaluate()), Is.EqualTo(new[] { EnvelopeLifecycleState.Pending }));
        clock.SetUtcNow(At(0));
        Assert.That(Path(tracker.Evaluate()), Is.EqualTo(new[] { EnvelopeLifecycleState.Active }));
        clock.SetUtcNow(At(2));
        Assert.That(Path(tracker.Evaluate()), Is.EqualTo(new[] { EnvelopeLifecycleState.Expired }));
    }

    [Test]
    public void Forecast_valid_now_goes_straight_to_active()
    {
        var (tracker, _) = Create(hour: 1);

        tracker.OnForecast(Consumption(Block(0, 2, 10)), "r1");

        Assert.That(tracker.Evaluate().Single(), Is.EqualTo(new EnvelopeTransition(EnvelopeLifecycleState.Received, EnvelopeLifecycleState.Active, At(1))));
    }

    [Test]
    public void Silent_provider_falls_back_and_a_heartbeat_brings_it_back()
    {
        var (tracker, clock) = Create(hour: 1);
        tracker.OnForecast(Consumption(Block(0, 24, 100)), "r1");
        tracker.OnForecast(Message(CapacityForecastType.FallbackConsumption, Block(0, 24, 20)), "fb");
        tracker.OnHeartbeat(At(1).AddMinutes(2));
        tracker.Evaluate();

        // Within the skew allowance it is still online.
        clock.SetUtcNow(At(1).AddMinutes(2).AddSeconds(5));
        Assert.That(tracker.Evaluate(), Is.Empty);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(Path(tracker.Evaluate()), Is.EqualTo(new[] { EnvelopeLifecycleState.FallbackEligible, EnvelopeLifecycleState.ActiveFallback }));
        Assert.That(tracker.Timeline(clock.GetUtcNow(), At(24))[0].Mode, Is.EqualTo(EnvelopeMode.Fallback));

        tracker.OnHeartbeat(clock.GetUtcNow().AddMinutes(2));
        Assert.That(Path(tracker.Evaluate()), Is.EqualTo(new[] { EnvelopeLifecycleState.Active }));
        Assert.That(tracker.Timeline(clock.GetUtcNow(), At(24))[0].Mode, Is.EqualTo(EnvelopeMode.Normal));
    }

    [Test]
    public void Handshake_expects_a_heartbeat_within_twice_the_interval_we_asked_for()
    {
        var (tracker, clock) = Create(hour: 1);
        tracker.OnForecast(Consumption(Block(0, 24, 100)), "r1");
        tracker.OnHandshake(heartbeatIntervalWeAskedFor: 60);
        tracker.Evaluate();

        Assert.That(tracker.OfflineModeAt, Is.EqualTo(At(1).AddSeconds(120)));
        clock.Advance(TimeSpan.FromSeconds(126));
        Assert.That(tracker.Evaluate()[^1].To, Is.EqualTo(EnvelopeLifecycleState.ActiveFallback));

        tracker.OnHandshake(60);
        Assert.That(Path(tracker.Evaluate()), Is.EqualTo(new[] { EnvelopeLifecycleState.Active }));
    }

    [Test]
    public void Without_heartbeats_asked_for_the_provider_never_counts_as_offline()
    {
        var (tracker, clock) = Create(hour: 1);
        tracker.OnForecast(Consumption(Block(0, 24, 100)), "r1");
        tracker.OnHandshake(heartbeatIntervalWeAskedFor: null);

        clock.SetUtcNow(At(23));

        Assert.That(Path(tracker.Evaluate()), Is.EqualTo(new[] { EnvelopeLifecycleState.Active }));
    }

    [Test]
    public void Fallback_ends_when_its_validity_ends()
    {
        var (tracker, clock) = Create(hour: 1);
        tracker.OnForecast(Message(CapacityForecastType.FallbackConsumption, Block(0, 4, 20)), "fb");
        tracker.OnHeartbeat(At(2));
        tracker.Evaluate();
        clock.SetUtcNow(At(3));
        Assert.That(tracker.Evaluate()[^1].To, Is.EqualTo(EnvelopeLifecycleState.ActiveFallback));

        clock.SetUtcNow(At(4));

        Assert.That(Path(tracker.Evaluate()), Is.EqualTo(new[] { EnvelopeLifecycleState.Expired }));
    }

    [Test]
    public void Withdrawal_drops_the_envelope_and_a_new_forecast_revives_it()
    {
        var (tracker, _) = Create(hour: 1);
        tracker.OnForecast(Consumption(Block(0, 24, 100)), "r1");
        tracker.Evaluate();

        tracker.OnWithdrawn();
        Assert.That(Path(tracker.Evaluate()), Is.EqualTo(new[] { EnvelopeLifecycleState.Withdrawn }));
        Assert.That(tracker.Timeline(At(0), At(24)), Is.Empty);

        tracker.OnForecast(Consumption(Block(0, 24, 50)), "r2");
        Assert.That(Path(tracker.Evaluate()), Is.EqualTo(new[] { EnvelopeLifecycleState.Active }));
    }

    [Test]
    public void Upcoming_edges_are_future_block_edges_and_offline_mode_at()
    {
        var (tracker, _) = Create(hour: 1);
        tracker.OnForecast(Consumption(Block(0, 2, 10), Block(2, 4, 20)), "r1");
        tracker.OnHeartbeat(At(3));

        Assert.That(tracker.UpcomingEdges(), Is.EqualTo(new[] { At(2), At(3).AddSeconds(5), At(4) }));
    }
}
