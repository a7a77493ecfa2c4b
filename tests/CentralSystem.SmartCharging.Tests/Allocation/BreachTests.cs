using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Tests.Support;
using CentralSystem.SmartCharging.Topology;
using static CentralSystem.SmartCharging.Tests.Support.SiteBuilder;

namespace CentralSystem.SmartCharging.Tests.Allocation;

public class BreachTests
{
    private static readonly DateTimeOffset Fresh = T0.AddSeconds(-20);

    [Test]
    public void Meter_above_node_limit_is_a_breach_on_that_phase()
    {
        var site = new SiteBuilder(100).Node("grid", "site", 63)
            .Meter("m1", "grid", m => m with { CurrentA = new PhaseValues(60, 66, 50), MeasuredAt = Fresh })
            .Build();
        var breaches = SmartChargingCalculator.Allocate(site, T0).Breaches;
        Assert.That(breaches, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(breaches[0].NodeId, Is.EqualTo("grid"));
            Assert.That(breaches[0].Phase, Is.EqualTo(Phase.L2));
            Assert.That(breaches[0].Measured, Is.EqualTo(66));
            Assert.That(breaches[0].Limit, Is.EqualTo(63));
            Assert.That(breaches[0].MeasuredBy, Is.EqualTo("m1"));
            Assert.That(breaches[0].LimitSource!.Kind, Is.EqualTo(LimitKind.NodeLimit));
        });
    }

    [Test]
    public void Meter_within_limit_is_no_breach()
    {
        var site = new SiteBuilder(100).Node("grid", "site", 63).Meter("m1", "grid", m => m with { CurrentA = PhaseValues.Uniform(63), MeasuredAt = Fresh }).Build();
        Assert.That(SmartChargingCalculator.Allocate(site, T0).Breaches, Is.Empty);
    }

    [Test]
    public void Stale_meter_is_not_evidence_of_a_breach()
    {
        var site = new SiteBuilder(100).Node("grid", "site", 63).Meter("m1", "grid", m => m with { CurrentA = PhaseValues.Uniform(90), MeasuredAt = T0.AddHours(-1) }).Build();
        Assert.That(SmartChargingCalculator.Allocate(site, T0).Breaches, Is.Empty);
    }

    [Test]
    public void Measured_load_above_an_active_envelope_is_a_breach_naming_the_envelope()
    {
        var site = new SiteBuilder(100).Node("grid", "site", 200)
            .Meter("m1", "grid", m => m with { PowerW = 60000, MeasuredAt = Fresh })
            .Envelope(new OperatingEnvelope("env-9", "grid")
            {
                SourceRequestId = "oscp-77",
                Blocks = [new EnvelopeBlock(T0.AddHours(-1), T0.AddHours(1)) { Import = new ElectricalLimit(null, 50000) }],
            })
            .Build();
        var breach = SmartChargingCalculator.Allocate(site, T0).Breaches.Single();
        Assert.Multiple(() =>
        {
            Assert.That(breach.Unit, Is.EqualTo(ChargingRateUnit.W));
            Assert.That(breach.LimitSource!.EnvelopeId, Is.EqualTo("env-9"));
            Assert.That(breach.LimitSource.SourceRequestId, Is.EqualTo("oscp-77"));
        });
    }

    [Test]
    public void Without_a_meter_the_sum_of_fresh_measurements_is_checked()
    {
        Evse Measured(Evse e, double amps) => e with { Telemetry = new EvseTelemetry { MeasuredAt = Fresh, CurrentA = PhaseValues.Uniform(amps) } };
        var site = new SiteBuilder(100).Node("feeder", "site", 32)
            .Evse("e1", "feeder", with: e => Measured(e, 20))
            .Evse("e2", "feeder", with: e => Measured(e, 20))
            .Build();
        var breaches = SmartChargingCalculator.Allocate(site, T0).Breaches;
        Assert.That(breaches.Select(b => (b.NodeId, b.Phase, b.MeasuredBy)), Is.EquivalentTo(new[]
        {
            ("feeder", (Phase?)Phase.L1, "sum"),
            ("feeder", (Phase?)Phase.L2, "sum"),
            ("feeder", (Phase?)Phase.L3, "sum"),
        }));
    }
}
