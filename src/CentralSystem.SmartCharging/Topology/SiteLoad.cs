namespace CentralSystem.SmartCharging.Topology;

/// <summary>
/// Non-EV load hanging off a node (building, HVAC, workshop). It consumes capacity at its node and every ancestor.
/// A fresh measurement is used as is; a stale or missing one falls back to the reserved amount, and with no
/// reservation to the last measured value (never to zero: fail safe).
/// </summary>
public sealed record SiteLoad(string Id, string NodeId)
{
    public PhaseValues? MeasuredCurrentA { get; init; }

    public double? MeasuredPowerW { get; init; }

    public DateTimeOffset? MeasuredAt { get; init; }

    public PhaseValues? ReservedCurrentA { get; init; }

    public double? ReservedPowerW { get; init; }
}
