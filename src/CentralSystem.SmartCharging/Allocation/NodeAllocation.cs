using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>Per-node view for operators: effective limit, non-EV load, what was allocated below, and headroom.</summary>
public sealed record NodeAllocation(string NodeId, NodeKind Kind)
{
    /// <summary>Static limit (or safe capacity) ∩ active envelopes.</summary>
    public ElectricalLimit EffectiveImport { get; init; }

    public IReadOnlyList<LineageEntry> LimitSources { get; init; } = [];

    public bool TelemetryStale { get; init; }

    /// <summary>Non-EV load below this node (measured, reserved or stale fallback) plus stale EVSEs' fallback demand.</summary>
    public PhaseValues FixedCurrentA { get; init; }

    public double FixedPowerW { get; init; }

    /// <summary>Sum of EV allocations below this node, per grid phase (import positive; netted exports negative).</summary>
    public PhaseValues AllocatedCurrentA { get; init; }

    public double AllocatedPowerW { get; init; }
}
