using CentralSystem.Domain.Metering;

namespace CentralSystem.Server.Dashboard;

/// <summary>The dashboard's view of a MeterValues sample set: power (W), energy register (Wh) and current (A).</summary>
public readonly record struct MeterReading(decimal? PowerW, decimal? EnergyWh, decimal? CurrentA)
{
    public static MeterReading From(IReadOnlyList<MeterSample> samples)
    {
        decimal? power = null, energy = null, current = null;
        foreach (var sample in samples)
        {
            // Later samples win: a batch may carry several timestamps, the last is the freshest.
            power = Combine(sample.Values, "Power.Active.Import", "W", "kW", sum: true) ?? power;
            energy = Combine(sample.Values, "Energy.Active.Import.Register", "Wh", "kWh", sum: true, measurandDefault: true) ?? energy;
            current = Combine(sample.Values, "Current.Import", "A", null, sum: false) ?? current;
        }

        return new MeterReading(power, energy, current);
    }

    // A value without a phase is the total; otherwise sum the phase values (power, energy) or take the highest (current).
    private static decimal? Combine(IReadOnlyList<SampledValue> values, string measurand, string unit, string? kiloUnit, bool sum, bool measurandDefault = false)
    {
        decimal? total = null, phases = null;
        foreach (var value in values)
        {
            // OCPP: a missing measurand means Energy.Active.Import.Register.
            var name = value.Measurand ?? (measurandDefault ? measurand : null);
            if (name != measurand || value.Location is { } location && location != "Outlet" && location != "EV")
            {
                continue;
            }

            var scaled = kiloUnit is not null && string.Equals(value.Unit, kiloUnit, StringComparison.OrdinalIgnoreCase) ? value.Value * 1000m : value.Value;
            if (value.Unit is { } u && !string.Equals(u, unit, StringComparison.OrdinalIgnoreCase) && !string.Equals(u, kiloUnit, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (value.Phase is null)
            {
                total = scaled;
            }
            else if (!value.Phase.EndsWith("-N", StringComparison.Ordinal) || sum)
            {
                phases = phases is null ? scaled : sum ? phases + scaled : Math.Max(phases.Value, scaled);
            }
        }

        return total ?? phases;
    }
}
