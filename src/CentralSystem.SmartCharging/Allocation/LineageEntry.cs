using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// One reason behind an allocation: which limit (node, envelope, rating, policy) it hit, in which unit and on which
/// phase, and its value. The first entry of an allocation's lineage is the one that bound it.
/// </summary>
public sealed record LineageEntry(LimitKind Kind)
{
    public string? NodeId { get; init; }

    public string? EnvelopeId { get; init; }

    public string? SourceRequestId { get; init; }

    public EnvelopeQuality? EnvelopeQuality { get; init; }

    public ChargingRateUnit? Unit { get; init; }

    /// <summary>The phase whose budget ran out, when a single phase bound (phase-aware allocation).</summary>
    public Phase? Phase { get; init; }

    /// <summary>The value of the limit in <see cref="Unit"/> (for node limits: the node's effective limit).</summary>
    public double? Limit { get; init; }

    public string? Detail { get; init; }
}
