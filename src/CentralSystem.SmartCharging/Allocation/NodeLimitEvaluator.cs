using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Effective node limit = static limit (or safe capacity when the node's telemetry is stale) ∩ every envelope active on
/// the node. Over a window the most restrictive envelope block overlapping it counts (a schedule interval must be safe
/// for all of its duration).
/// </summary>
internal static class NodeLimitEvaluator
{
    public static NodeLimitTable Evaluate(CompiledSite site, bool export, DateTimeOffset from, DateTimeOffset to, bool[] staleNodes)
    {
        var nodes = site.Nodes;
        var result = new NodeLimitTable(nodes.Length);
        var pointInTime = to <= from;
        for (var v = 0; v < nodes.Length; v++)
        {
            var node = nodes[v];
            var useSafe = !export && staleNodes[v] && node.SafeImport is not null;
            var baseLimit = export ? node.Export : useSafe ? node.SafeImport!.Value : node.Import;
            var kind = useSafe ? LimitKind.SafeCapacity : node.Kind == NodeKind.Charger ? LimitKind.ChargerRating : LimitKind.NodeLimit;
            var detail = useSafe ? "telemetry at this node is stale: safe capacity applies" : null;
            double? a = baseLimit.CurrentA;
            double? w = baseLimit.PowerW;
            // Lineage entries are cached per node and envelope block: a schedule evaluates the same limits for every
            // interval, and shared instances also make "same source" checks cheap.
            var cache = site.LimitEntryCache((export ? 2 : 0) + (useSafe ? 1 : 0));
            var aSource = a is null ? null : cache[v * 2] ??= Entry(kind, node.Id, ChargingRateUnit.A, a.Value, detail);
            var wSource = w is null ? null : cache[(v * 2) + 1] ??= Entry(kind, node.Id, ChargingRateUnit.W, w.Value, detail);

            if (site.NodeEnvelopes[v] is { } envelopes)
            {
                foreach (var envelope in envelopes)
                {
                    if (envelope.Withdrawn)
                    {
                        continue;
                    }

                    var blocks = envelope.Blocks;
                    for (var b = 0; b < blocks.Count; b++)
                    {
                        var block = blocks[b];
                        var applies = pointInTime ? block.Covers(from) : block.Overlaps(from, to);
                        if (!applies)
                        {
                            continue;
                        }

                        var limit = export ? block.Export : block.Import;
                        if (limit.CurrentA is { } ea && (a is null || ea < a))
                        {
                            a = ea;
                            aSource = site.EnvelopeEntry(envelope, b, export, ChargingRateUnit.A, () => EnvelopeEntry(envelope, node.Id, ChargingRateUnit.A, ea));
                        }

                        if (limit.PowerW is { } ew && (w is null || ew < w))
                        {
                            w = ew;
                            wSource = site.EnvelopeEntry(envelope, b, export, ChargingRateUnit.W, () => EnvelopeEntry(envelope, node.Id, ChargingRateUnit.W, ew));
                        }
                    }
                }
            }

            result[v] = new NodeLimit(a, aSource, w, wSource);
        }

        return result;
    }

    private static LineageEntry Entry(LimitKind kind, string node, ChargingRateUnit unit, double limit, string? detail) =>
        new(kind) { NodeId = node, Unit = unit, Limit = limit, Detail = detail };

    private static LineageEntry EnvelopeEntry(OperatingEnvelope envelope, string node, ChargingRateUnit unit, double limit) =>
        new(LimitKind.Envelope)
        {
            NodeId = node,
            EnvelopeId = envelope.Id,
            SourceRequestId = envelope.SourceRequestId,
            EnvelopeQuality = envelope.Quality,
            Unit = unit,
            Limit = limit,
            Detail = envelope.Source,
        };
}
