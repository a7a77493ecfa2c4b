using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Messages;
using static CentralSystem.Tests.Oscp.Forecasts;

namespace CentralSystem.Tests.Oscp;

[TestFixture]
public sealed class EnvelopeTimelineBuilderTests
{
    private static ForecastStore Store(params (GroupCapacityForecastMessage Message, string RequestId)[] forecasts)
    {
        var store = new ForecastStore();
        foreach (var (message, requestId) in forecasts)
        {
            store.Apply(message, requestId, Day, ForecastReplacement.SpanReplace);
        }

        return store;
    }

    private static IReadOnlyList<EnvelopeSegment> Build(ForecastStore store, DateTimeOffset? offlineModeAt = null, EnvelopeOptions? options = null) =>
        EnvelopeTimelineBuilder.Build(store, "site-42", offlineModeAt, options ?? new EnvelopeOptions { OfflineSkew = TimeSpan.Zero }, At(-24), At(48));

    [Test]
    public void Consumption_blocks_become_normal_segments_named_by_their_request()
    {
        var timeline = Build(Store((Consumption(Block(0, 1, 10), Block(1, 2, 20)), "req-1")));

        Assert.That(timeline.Select(s => (s.From, s.To, s.Import.PowerW, s.Mode, s.RequestId)), Is.EqualTo(new[]
        {
            (At(0), At(1), (double?)10000, EnvelopeMode.Normal, (string?)"req-1"),
            (At(1), At(2), (double?)20000, EnvelopeMode.Normal, (string?)"req-1"),
        }));
        Assert.That(timeline.All(s => s.ImportSource == CapacityForecastType.Consumption), Is.True);
    }

    [Test]
    public void Equal_adjacent_blocks_merge_into_one_segment()
    {
        var timeline = Build(Store((Consumption(Block(0, 1, 10), Block(1, 2, 10)), "req-1")));

        Assert.That(timeline.Select(s => (s.From, s.To)), Is.EqualTo(new[] { (At(0), At(2)) }));
    }

    [Test]
    public void Gap_is_filled_from_the_fallback_forecast()
    {
        // Sample update-group-capacity-forecast.with-gap.json: 06:00–08:00 uncovered.
        var store = Store(
            (Consumption(Block(0, 6, 100), Block(8, 12, 60)), "c"),
            (Message(CapacityForecastType.FallbackConsumption, Block(0, 24, 32, CapacityUnit.A)), "fb"));

        var gap = Build(store).Single(s => s.From == At(6));

        Assert.That(gap.To, Is.EqualTo(At(8)));
        Assert.That(gap.Mode, Is.EqualTo(EnvelopeMode.Gap));
        Assert.That(gap.ImportSource, Is.EqualTo(CapacityForecastType.FallbackConsumption));
        Assert.That(gap.RequestId, Is.EqualTo("fb"));
        Assert.That(gap.Import.L1A, Is.EqualTo(32));
    }

    [TestCase(GapPolicy.Zero, 0d)]
    [TestCase(GapPolicy.UseFallback, 0d)]
    [TestCase(GapPolicy.LastKnown, 100000d)]
    public void Gap_without_fallback_follows_the_gap_policy(GapPolicy policy, double expectedW)
    {
        var store = Store((Consumption(Block(0, 6, 100), Block(8, 12, 60)), "c"));

        var gap = Build(store, options: new EnvelopeOptions { GapPolicy = policy }).Single(s => s.From == At(6));

        Assert.That(gap.Import.PowerW, Is.EqualTo(expectedW));
        Assert.That(gap.Mode, Is.EqualTo(EnvelopeMode.Gap));
    }

    [Test]
    public void Site_default_policy_uses_the_configured_limit()
    {
        var store = Store((Consumption(Block(0, 6, 100), Block(8, 12, 60)), "c"));
        var siteDefault = new NormalizedLimit(22000, null, null, null, FromCurrent: false, FromPower: true);

        var gap = Build(store, options: new EnvelopeOptions { GapPolicy = GapPolicy.SiteDefault, SiteDefaultImport = siteDefault }).Single(s => s.From == At(6));

        Assert.That(gap.Import, Is.EqualTo(siteDefault));
        Assert.That(gap.RequestId, Is.Null);
    }

    [Test]
    public void Past_offline_mode_at_the_fallback_forecast_applies()
    {
        var store = Store(
            (Consumption(Block(0, 24, 100)), "c"),
            (Message(CapacityForecastType.FallbackConsumption, Block(0, 24, 20)), "fb"));

        var timeline = Build(store, offlineModeAt: At(10));

        Assert.That(timeline.Select(s => (s.From, s.To, s.Mode, s.Import.PowerW)), Is.EqualTo(new[]
        {
            (At(0), At(10), EnvelopeMode.Normal, (double?)100000),
            (At(10), At(24), EnvelopeMode.Fallback, (double?)20000),
        }));
    }

    [Test]
    public void Offline_skew_delays_the_fallback()
    {
        var store = Store((Consumption(Block(0, 24, 100)), "c"));

        var timeline = Build(store, At(10), new EnvelopeOptions { OfflineSkew = TimeSpan.FromMinutes(1) });

        Assert.That(timeline[1].From, Is.EqualTo(At(10).AddMinutes(1)));
        Assert.That(timeline[1].Mode, Is.EqualTo(EnvelopeMode.Fallback));
    }

    [Test]
    public void Per_phase_blocks_in_the_same_window_combine_per_phase()
    {
        // Sample update-group-capacity-forecast.per-phase-amps.json.
        var store = Store((Consumption(
            Block(17, 18, 40, CapacityUnit.A, PhaseIndicator.One),
            Block(17, 18, 40, CapacityUnit.A, PhaseIndicator.Two),
            Block(17, 18, 25, CapacityUnit.A, PhaseIndicator.Three)), "pp"));

        var segment = Build(store).Single();

        Assert.That((segment.Import.L1A, segment.Import.L2A, segment.Import.L3A), Is.EqualTo(((double?)40, (double?)40, (double?)25)));
    }

    [Test]
    public void Export_is_zero_without_generation_forecast_and_follows_it_when_present()
    {
        var noGeneration = Build(Store((Consumption(Block(0, 1, 10)), "c"))).Single();
        var withGeneration = Build(Store(
            (Consumption(Block(0, 1, 10)), "c"),
            (Message(CapacityForecastType.Generation, Block(0, 1, 5)), "g"))).Single();

        Assert.That(noGeneration.Export.PowerW, Is.EqualTo(0));
        Assert.That(withGeneration.Export.PowerW, Is.EqualTo(5000));
    }

    [Test]
    public void No_blocks_no_timeline()
    {
        Assert.That(Build(new ForecastStore()), Is.Empty);
    }
}
