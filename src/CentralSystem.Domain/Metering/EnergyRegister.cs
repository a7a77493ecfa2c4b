namespace CentralSystem.Domain.Metering;

/// <summary>Finds the imported-energy register in a meter sample, in Wh.</summary>
public static class EnergyRegister
{
    public const string ImportRegister = "Energy.Active.Import.Register";

    /// <summary>
    /// OCPP defaults: a sampled value without measurand is Energy.Active.Import.Register, and its unit defaults to Wh
    /// (1.6 §7.31 / 2.0.1 SampledValueType). Per-phase values are skipped: the total is what accounting uses.
    /// </summary>
    public static bool TryGetImportWh(MeterSample sample, out decimal wh)
    {
        ArgumentNullException.ThrowIfNull(sample);
        foreach (var value in sample.Values)
        {
            if ((value.Measurand ?? ImportRegister) != ImportRegister || value.Phase is not null)
            {
                continue;
            }

            if (value.Location is not null && value.Location != "Outlet")
            {
                continue;
            }

            switch (value.Unit ?? "Wh")
            {
                case "Wh":
                    wh = value.Value;
                    return true;
                case "kWh":
                    wh = value.Value * 1000m;
                    return true;
                default:
                    continue;
            }
        }

        wh = 0;
        return false;
    }

    public static decimal? LatestImportWh(IEnumerable<MeterSample> samples)
    {
        decimal? latest = null;
        var latestAt = DateTimeOffset.MinValue;
        foreach (var sample in samples)
        {
            if (TryGetImportWh(sample, out var wh) && sample.Timestamp >= latestAt)
            {
                latest = wh;
                latestAt = sample.Timestamp;
            }
        }

        return latest;
    }

    public static decimal? EarliestImportWh(IEnumerable<MeterSample> samples)
    {
        decimal? earliest = null;
        var earliestAt = DateTimeOffset.MaxValue;
        foreach (var sample in samples)
        {
            if (TryGetImportWh(sample, out var wh) && sample.Timestamp < earliestAt)
            {
                earliest = wh;
                earliestAt = sample.Timestamp;
            }
        }

        return earliest;
    }
}
