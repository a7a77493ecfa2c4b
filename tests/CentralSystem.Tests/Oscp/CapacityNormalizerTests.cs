using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Messages;
using static CentralSystem.Tests.Oscp.Forecasts;

namespace CentralSystem.Tests.Oscp;

[TestFixture]
public sealed class CapacityNormalizerTests
{
    private static readonly EnvelopeOptions Options = new();

    private static NormalizedLimit Normalize(ForecastedBlock block, EnvelopeOptions? options = null) =>
        CapacityNormalizer.Normalize(
            new StoredForecastBlock("g", CapacityForecastType.Consumption, block.Phase, block.Unit, block.Capacity, block.StartTime, block.EndTime, "r", Day),
            options ?? Options);

    [Test]
    public void Amps_on_all_phases_limit_each_phase_and_give_the_three_phase_total()
    {
        var limit = Normalize(Block(0, 1, 32, CapacityUnit.A));

        Assert.That(limit, Is.EqualTo(new NormalizedLimit(230 * 32 * 3, 32, 32, 32, FromCurrent: true, FromPower: false)));
    }

    [Test]
    public void Unknown_phase_is_read_as_all()
    {
        Assert.That(Normalize(Block(0, 1, 16, CapacityUnit.A, PhaseIndicator.Unknown)), Is.EqualTo(Normalize(Block(0, 1, 16, CapacityUnit.A))));
    }

    [Test]
    public void Amps_on_one_phase_limit_that_phase_only()
    {
        Assert.That(Normalize(Block(0, 1, 40, CapacityUnit.A, PhaseIndicator.Two)), Is.EqualTo(new NormalizedLimit(null, null, 40, null, FromCurrent: true, FromPower: false)));
    }

    [TestCase(CapacityUnit.W, 69000, 69000)]
    [TestCase(CapacityUnit.KW, 69, 69000)]
    public void Power_is_a_total_in_watts(CapacityUnit unit, double capacity, double watts)
    {
        var limit = Normalize(Block(0, 1, capacity, unit));

        Assert.That(limit.PowerW, Is.EqualTo(watts));
        Assert.That(limit.L1A, Is.EqualTo(100).Within(1e-9));
        Assert.That(limit.FromPower, Is.True);
        Assert.That(limit.FromCurrent, Is.False);
    }

    [TestCase(CapacityUnit.WH, 5000, 10000)]
    [TestCase(CapacityUnit.KWH, 5, 10000)]
    public void Energy_is_spread_over_the_block(CapacityUnit unit, double capacity, double watts)
    {
        Assert.That(Normalize(Block(0, 0.5, capacity, unit)).PowerW, Is.EqualTo(watts).Within(1e-9));
    }

    [Test]
    public void Voltage_and_phase_count_come_from_the_options()
    {
        var limit = Normalize(Block(0, 1, 10, CapacityUnit.A), new EnvelopeOptions { NominalVoltageV = 120, Phases = 1 });

        Assert.That(limit.PowerW, Is.EqualTo(1200));
    }

    [Test]
    public void Intersect_takes_the_per_phase_minimum_and_keeps_both_origins()
    {
        var all = Normalize(Block(0, 1, 69, CapacityUnit.KW));
        var one = Normalize(Block(0, 1, 40, CapacityUnit.A, PhaseIndicator.One));

        var both = all.Intersect(one);

        Assert.That(both.PowerW, Is.EqualTo(69000));
        Assert.That(both.L1A, Is.EqualTo(40));
        Assert.That(both.L2A, Is.EqualTo(100).Within(1e-9));
        Assert.That(both.MinPhaseA, Is.EqualTo(40));
        Assert.That(both.FromCurrent && both.FromPower, Is.True);
    }
}
