namespace CentralSystem.SmartCharging.Topology;

/// <summary>
/// A time-of-use window with its energy price and carbon intensity. Windows need not cover the horizon; uncovered
/// time counts as price 0 / carbon 0 for ordering, which is only a tie-break since planning compares windows.
/// </summary>
public sealed record TariffPeriod(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Price per kWh in the site's currency.</summary>
    public double PricePerKwh { get; init; }

    /// <summary>Carbon intensity in g CO2e per kWh.</summary>
    public double CarbonGPerKwh { get; init; }
}
