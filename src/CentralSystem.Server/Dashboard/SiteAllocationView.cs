using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Server.Dashboard;

/// <summary>
/// What the dashboard shows of a site recalculation. The field names are those of <c>GET /api/sites/{id}/allocation</c>
/// (the full <see cref="AllocationResult"/>), so the page renders both with the same code; per EVSE only the binding
/// lineage entry (the "why") travels.
/// </summary>
public sealed record SiteAllocationView(
    string SiteId,
    DateTimeOffset At,
    IReadOnlyList<SiteNodeView> Nodes,
    IReadOnlyList<SiteEvseView> Evses,
    IReadOnlyList<BreachEvent> Breaches)
{
    public static SiteAllocationView From(AllocationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SiteAllocationView(
            result.SiteId,
            result.At,
            result.Nodes.Select(n => new SiteNodeView(n.NodeId, n.Kind, n.EffectiveImport, n.LimitSources, n.TelemetryStale, n.AllocatedPowerW,
                n.AllocatedCurrentA, n.FixedPowerW)).ToList(),
            result.Evses.Select(e => new SiteEvseView(e.EvseId, e.ChargerId, e.Admitted, e.Stale, e.CurrentA, e.PowerW, e.Limit,
                e.Lineage.Count > 0 ? [e.Lineage[0]] : [])).ToList(),
            result.Breaches);
    }
}

/// <summary>A node: allocated power against its effective limit, and where that limit comes from (node, safe capacity, envelopes).</summary>
public sealed record SiteNodeView(
    string NodeId,
    NodeKind Kind,
    ElectricalLimit EffectiveImport,
    IReadOnlyList<LineageEntry> LimitSources,
    bool TelemetryStale,
    double AllocatedPowerW,
    PhaseValues AllocatedCurrentA,
    double FixedPowerW);

/// <summary>An EVSE's allocation and the limit that bound it (first and only lineage entry).</summary>
public sealed record SiteEvseView(
    string EvseId,
    string? ChargerId,
    bool Admitted,
    bool Stale,
    double? CurrentA,
    double PowerW,
    ChargingLimit Limit,
    IReadOnlyList<LineageEntry> Lineage);
