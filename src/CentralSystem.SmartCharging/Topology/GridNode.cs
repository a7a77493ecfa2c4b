namespace CentralSystem.SmartCharging.Topology;

/// <summary>
/// An inner node of the site's electrical tree: the site itself, a grid connection, a (nestable) circuit or feeder,
/// a charger group or a charger. Limits on a node bound the sum of everything below it, including non-EV load.
/// </summary>
public sealed record GridNode(string Id, string? ParentId, NodeKind Kind)
{
    public string? Name { get; init; }

    /// <summary>Grid → vehicles direction limit (per-phase amps and/or total watts).</summary>
    public ElectricalLimit Import { get; init; }

    /// <summary>Vehicles → grid direction limit (V2G).</summary>
    public ElectricalLimit Export { get; init; }

    /// <summary>
    /// Conservative import capacity used instead of <see cref="Import"/> while this node's own telemetry (its meter or a
    /// measured site load attached to it) is stale. Fail safe: without fresh data we cannot see the load we share the node with.
    /// </summary>
    public ElectricalLimit? SafeImport { get; init; }

    /// <summary>
    /// How this node's local phases L1..Ln connect to its parent's phases (phase rotation), e.g. [L2, L3, L1] or [L2]
    /// for a single-phase branch. Null means "same as the parent". Only when some node on an EVSE's path declares
    /// a rotation is a 1- or 2-phase EVSE placed on definite grid phases; otherwise it is counted on every phase.
    /// </summary>
    public IReadOnlyList<Phase>? GridPhases { get; init; }

    /// <summary>Charger nodes: AC or DC, inherited by EVSEs that do not say.</summary>
    public SupplyType? Supply { get; init; }

    /// <summary>Charger nodes: PSU conversion efficiency (0..1] for DC, inherited by EVSEs.</summary>
    public double? Efficiency { get; init; }

    /// <summary>Charger nodes: the unit the charger accepts in charging profiles (OCPP ChargingScheduleAllowedChargingRateUnit).</summary>
    public ChargingRateUnit? RateUnit { get; init; }

    /// <summary>Charger nodes: the OCPP charge point identity (the id in the WebSocket URL); null means the node id.</summary>
    public string? ChargePointId { get; init; }

    /// <summary>Charger nodes: how dispatch limits this charger (TxProfile per EVSE, or one station-wide max profile); null = connector.</summary>
    public DispatchStrategy? Strategy { get; init; }
}
