namespace CentralSystem.SmartCharging.Topology;

/// <summary>
/// A leaf of the site tree: one EVSE (in OCPP 1.6 terms a connector). Ratings describe the hardware; the optional
/// <see cref="Session"/> describes the vehicle currently connected and what it wants.
/// </summary>
public sealed record Evse(string Id, string ParentId)
{
    /// <summary>AC or DC; null inherits from the charger (AC when nobody says).</summary>
    public SupplyType? Supply { get; init; }

    /// <summary>AC: number of phases the EVSE uses (1..3). DC chargers are treated as balanced three-phase loads.</summary>
    public int Phases { get; init; } = 3;

    /// <summary>Phase rotation of the EVSE relative to its parent (see <see cref="GridNode.GridPhases"/>).</summary>
    public IReadOnlyList<Phase>? GridPhases { get; init; }

    /// <summary>AC minimum current per phase below which charging is not possible (IEC 61851: 6 A).</summary>
    public double MinCurrentA { get; init; } = 6;

    /// <summary>AC rating per phase.</summary>
    public double MaxCurrentA { get; init; } = 32;

    /// <summary>DC rating (output watts). For AC an optional total-power rating.</summary>
    public double? MaxPowerW { get; init; }

    /// <summary>DC minimum output power below which the EVSE cannot deliver (0 = none).</summary>
    public double MinPowerW { get; init; }

    /// <summary>DC: AC-side (input) current rating per phase, if the power stage is limited on its input.</summary>
    public double? MaxInputCurrentA { get; init; }

    /// <summary>DC PSU efficiency (0..1]; null inherits from the charger, else 1.</summary>
    public double? Efficiency { get; init; }

    /// <summary>Whether the EVSE can switch between 1 and 3 phases during charging (AC only).</summary>
    public bool CanSwitchPhases { get; init; }

    /// <summary>The unit the charger accepts for this EVSE; null inherits from the charger (A for AC, W for DC).</summary>
    public ChargingRateUnit? RateUnit { get; init; }

    /// <summary>
    /// The OCPP 2.0.1 EVSE id / OCPP 1.6 connectorId of this EVSE on its charger; null means the number after the last
    /// '/' in <see cref="Id"/>, else 1.
    /// </summary>
    public int? OcppEvseId { get; init; }

    public EvseSession? Session { get; init; }

    public EvseTelemetry? Telemetry { get; init; }

    /// <summary>Phase-switching memory carried between calculations (1ph/3ph hysteresis, switch counter).</summary>
    public PhaseSwitchState? PhaseState { get; init; }
}
