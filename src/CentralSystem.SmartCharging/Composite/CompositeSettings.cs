namespace CentralSystem.SmartCharging.Composite;

/// <summary>
/// Station configuration used by composite schedules (OCPP 1.6 CompositeScheduleDefaultLimit*/SupplyVoltage,
/// 2.x device-model variables of the same names).
/// </summary>
public sealed record CompositeSettings
{
    /// <summary>Limit reported where no profile limits (libocpp 1.6 default 48 A).</summary>
    public double DefaultLimitA { get; init; } = 48;

    public double DefaultLimitW { get; init; } = 33120;

    /// <summary>Phases used to convert A ↔ W when a period does not say, and given to AC periods without numberPhases.</summary>
    public int DefaultNumberPhases { get; init; } = 3;

    public double SupplyVoltageV { get; init; } = 230;

    /// <summary>Phases the station is supplied with: profiles asking for more are invalid.</summary>
    public int SupplyPhases { get; init; } = 3;
}
