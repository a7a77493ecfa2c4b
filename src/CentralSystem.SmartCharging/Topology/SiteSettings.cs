namespace CentralSystem.SmartCharging.Topology;

public sealed record SiteSettings
{
    /// <summary>Phase-to-neutral voltage used to convert between amps and watts.</summary>
    public double NominalVoltageV { get; init; } = 230;

    /// <summary>A measurement older than this is stale.</summary>
    public TimeSpan TelemetryMaxAge { get; init; } = TimeSpan.FromMinutes(5);

    public StaleDemandPolicy StaleDemand { get; init; } = StaleDemandPolicy.LastAllocation;

    /// <summary>
    /// When false every AC EVSE is counted on all three phases (EVerest's phase-blind model). When true (default),
    /// single-phase EVSEs with a known rotation only load their own phase.
    /// </summary>
    public bool PhaseAware { get; init; } = true;

    /// <summary>
    /// Whether discharging vehicles free import capacity at their ancestors. Off by default: if a vehicle stops
    /// discharging unexpectedly the importers would overload the node. EVerest nets them.
    /// </summary>
    public bool NetExportAgainstImport { get; init; }

    /// <summary>If set, a fresh measurement caps the demand at measured + headroom (A per phase), freeing the rest.</summary>
    public double? MeasuredDemandHeadroomA { get; init; }

    public PhaseSwitchingSettings PhaseSwitching { get; init; } = new();

    /// <summary>Weight of carbon against price when ranking windows: cost = price/kWh + CarbonWeight × gCO2e/kWh.</summary>
    public double CarbonWeight { get; init; }
}
