using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Messages;
using CentralSystem.SmartCharging.Topology;
using static CentralSystem.Tests.Oscp.Forecasts;

namespace CentralSystem.Tests.Oscp;

[TestFixture]
public sealed class SmartChargingEnvelopeMapperTests
{
    [Test]
    public void Fresh_and_fallback_parts_become_separate_envelopes_naming_their_request()
    {
        var store = new ForecastStore();
        store.Apply(Consumption(Block(0, 24, 100)), "req-c", Day, ForecastReplacement.SpanReplace);
        store.Apply(Message(CapacityForecastType.FallbackConsumption, Block(0, 24, 32, CapacityUnit.A)), "req-fb", Day, ForecastReplacement.SpanReplace);
        var timeline = EnvelopeTimelineBuilder.Build(store, "site-42", At(10), new EnvelopeOptions { OfflineSkew = TimeSpan.Zero }, At(0), At(24));

        var envelopes = SmartChargingEnvelopeMapper.ToOperatingEnvelopes("dso-north", "site-42", "grid", timeline);

        Assert.That(envelopes, Has.Count.EqualTo(2));
        var fresh = envelopes.Single(e => e.Quality == EnvelopeQuality.Fresh);
        var fallback = envelopes.Single(e => e.Quality == EnvelopeQuality.Fallback);
        Assert.That(fresh.Id, Is.EqualTo("oscp:dso-north:site-42:req-c:fresh"));
        Assert.That(fresh.NodeId, Is.EqualTo("grid"));
        Assert.That(fresh.SourceRequestId, Is.EqualTo("req-c"));
        Assert.That(fresh.Source, Is.EqualTo("oscp:dso-north"));
        Assert.That(fresh.Blocks.Single(), Is.EqualTo(new EnvelopeBlock(At(0), At(10)) { Import = new(null, 100000), Export = new(null, 0) }));
        Assert.That(fallback.SourceRequestId, Is.EqualTo("req-fb"));
        Assert.That(fallback.Blocks.Single().Import, Is.EqualTo(new ElectricalLimit(32, null)));
        Assert.That(fresh.StateAt(At(5)), Is.EqualTo(EnvelopeState.Active));
        Assert.That(fallback.StateAt(At(12)), Is.EqualTo(EnvelopeState.ActiveFallback));
    }

    [Test]
    public void Per_phase_amps_pass_the_tightest_phase_to_the_calculator()
    {
        var limit = SmartChargingEnvelopeMapper.ToLimit(new NormalizedLimit(null, 40, 40, 25, FromCurrent: true, FromPower: false));

        Assert.That(limit, Is.EqualTo(new ElectricalLimit(25, null)));
    }
}
