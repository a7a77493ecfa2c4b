using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>Measured load above a node's effective limit.</summary>
public sealed record BreachEvent(string NodeId, ChargingRateUnit Unit, double Measured, double Limit)
{
    public Phase? Phase { get; init; }

    /// <summary>The meter id, or "sum" when derived from EVSE and site-load measurements below the node.</summary>
    public required string MeasuredBy { get; init; }

    public DateTimeOffset? MeasuredAt { get; init; }

    /// <summary>Which limit was exceeded (node limit, safe capacity or envelope).</summary>
    public LineageEntry? LimitSource { get; init; }
}
