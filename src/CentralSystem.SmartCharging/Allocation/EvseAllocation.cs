using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>The "now" result for one EVSE.</summary>
public sealed record EvseAllocation(string EvseId)
{
    /// <summary>The charger node above the EVSE (for charger-based strategies), if any.</summary>
    public string? ChargerId { get; init; }

    public SupplyType Supply { get; init; }

    public ChargingDirection Direction { get; init; }

    /// <summary>False when the EVSE gets 0 because its minimum did not fit, it has no session, or its own limit is below its minimum.</summary>
    public bool Admitted { get; init; }

    /// <summary>True when its telemetry was stale and it was held at its fallback demand.</summary>
    public bool Stale { get; init; }

    /// <summary>AC: amps per phase (negative when discharging). DC: null.</summary>
    public double? CurrentA { get; init; }

    /// <summary>Total power delivered to (positive) or taken from (negative) the vehicle.</summary>
    public double PowerW { get; init; }

    /// <summary>Phases used (AC); 3 for DC (balanced input).</summary>
    public int Phases { get; init; }

    /// <summary>What to send to the charger, in the unit it accepts.</summary>
    public required ChargingLimit Limit { get; init; }

    /// <summary>Why this value: the binding limit first, then other limits that are also tight on its path.</summary>
    public IReadOnlyList<LineageEntry> Lineage { get; init; } = [];

    /// <summary>Updated phase-switching memory to store and pass back next time (switchable EVSEs only).</summary>
    public PhaseSwitchState? PhaseState { get; init; }
}
