namespace CentralSystem.SmartCharging.Topology;

/// <summary>The vehicle connected to an EVSE and its demand.</summary>
public sealed record EvseSession
{
    public string? VehicleId { get; init; }

    public ChargingDirection Direction { get; init; } = ChargingDirection.Charge;

    /// <summary>Vehicle's maximum current per phase (charging, or discharging when <see cref="Direction"/> is Discharge).</summary>
    public double? MaxCurrentA { get; init; }

    /// <summary>Vehicle's maximum total power (charging or discharging).</summary>
    public double? MaxPowerW { get; init; }

    /// <summary>Phases the vehicle's on-board charger uses (e.g. 1 for a single-phase car on a three-phase EVSE).</summary>
    public int? Phases { get; init; }

    /// <summary>Energy still needed (Wh). Together with <see cref="DepartureAt"/> this makes the session plannable.</summary>
    public double? EnergyNeededWh { get; init; }

    public DateTimeOffset? DepartureAt { get; init; }

    /// <summary>Operator priority class; higher is admitted first (e.g. own fleet's next departure).</summary>
    public int Priority { get; init; }

    /// <summary>Weight in the fair share (default 1): an EVSE with weight 2 gets twice the share while unconstrained.</summary>
    public double Weight { get; init; } = 1;

    /// <summary>Stable tie-break for admission: earlier sessions first.</summary>
    public DateTimeOffset? StartedAt { get; init; }
}
