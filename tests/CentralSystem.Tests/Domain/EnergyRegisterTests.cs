using CentralSystem.Domain.Metering;

namespace CentralSystem.Tests.Domain;

public class EnergyRegisterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public void Value_without_measurand_is_the_import_register_in_Wh()
    {
        var sample = new MeterSample(At, [new SampledValue(1234.5m, null, null, null, null, null)]);
        Assert.That(EnergyRegister.TryGetImportWh(sample, out var wh), Is.True);
        Assert.That(wh, Is.EqualTo(1234.5m));
    }

    [Test]
    public void KWh_is_converted_and_phase_values_and_other_measurands_are_skipped()
    {
        var sample = new MeterSample(At,
        [
            new SampledValue(16, "Current.Import", "A", "L1", null, null),
            new SampledValue(3, EnergyRegister.ImportRegister, "kWh", "L1", null, null),
            new SampledValue(7.5m, EnergyRegister.ImportRegister, "kWh", null, null, null),
        ]);
        Assert.That(EnergyRegister.TryGetImportWh(sample, out var wh), Is.True);
        Assert.That(wh, Is.EqualTo(7500m));
    }

    [Test]
    public void Earliest_and_latest_follow_sample_time_not_order()
    {
        var samples = new[]
        {
            new MeterSample(At.AddMinutes(10), [new SampledValue(300, null, null, null, null, null)]),
            new MeterSample(At, [new SampledValue(100, null, null, null, null, null)]),
            new MeterSample(At.AddMinutes(5), [new SampledValue(200, null, null, null, null, null)]),
        };
        Assert.That(EnergyRegister.EarliestImportWh(samples), Is.EqualTo(100m));
        Assert.That(EnergyRegister.LatestImportWh(samples), Is.EqualTo(300m));
    }
}
