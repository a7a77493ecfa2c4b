using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Envelopes;

/// <summary>
/// Digest §8.3: evaluates a group's stored forecasts into a piecewise-constant timeline. Breakpoints are every block
/// edge plus offline_mode_at; the timeline spans the stored blocks (outside them the envelope is Pending or Expired
/// and the node's own limits apply).
/// </summary>
public static class EnvelopeTimelineBuilder
{
    public static IReadOnlyList<EnvelopeSegment> Build(
        ForecastStore store, string groupId, DateTimeOffset? offlineModeAt, EnvelopeOptions options, DateTimeOffset from, DateTimeOffset to)
    {
        var all = store.AllBlocks(groupId).Where(b => b.End > from && b.Start < to).ToList();
        if (all.Count == 0)
        {
            return [];
        }

        DateTimeOffset? offlineFrom = offlineModeAt is { } at ? at + options.OfflineSkew : null;
        var edges = new SortedSet<DateTimeOffset>();
        foreach (var block in all)
        {
            edges.Add(Clamp(block.Start, from, to));
            edges.Add(Clamp(block.End, from, to));
        }

        if (offlineFrom is { } off && off > edges.Min && off < edges.Max)
        {
            edges.Add(off);
        }

        var segments = new List<EnvelopeSegment>();
        var points = edges.ToList();
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var start = points[i];
            var online = offlineFrom is null || start < offlineFrom;
            var segment = Evaluate(store, groupId, online, options, start, points[i + 1]);
            if (segments.Count > 0 && Continues(segments[^1], segment))
            {
                segments[^1] = segments[^1] with { To = segment.To };
            }
            else
            {
                segments.Add(segment);
            }
        }

        return segments;
    }

    private static EnvelopeSegment Evaluate(ForecastStore store, string groupId, bool online, EnvelopeOptions options, DateTimeOffset start, DateTimeOffset end)
    {
        var (import, importBlock) = online ? Lookup(store, groupId, CapacityForecastType.Consumption, start, options) : (null, null);
        var mode = EnvelopeMode.Normal;
        if (import is null)
        {
            mode = online ? EnvelopeMode.Gap : EnvelopeMode.Fallback;
            (import, importBlock) = Lookup(store, groupId, CapacityForecastType.FallbackConsumption, start, options);
            if (import is null)
            {
                (import, importBlock) = GapImport(store, groupId, options, start);
            }
        }

        var (export, _) = online ? Lookup(store, groupId, CapacityForecastType.Generation, start, options) : (null, null);
        if (export is null)
        {
            (export, _) = Lookup(store, groupId, CapacityForecastType.FallbackGeneration, start, options);

            // Digest §8.3: with no GENERATION information, export defaults to 0 (never unlimited).
            export ??= options.GapPolicy == GapPolicy.LastKnown
                ? LastKnown(store, groupId, CapacityForecastType.Generation, start, options).Limit ?? NormalizedLimit.Zero
                : NormalizedLimit.Zero;
        }

        return new EnvelopeSegment(start, end, import, export, mode, importBlock?.Type, importBlock?.RequestId);
    }

    private static (NormalizedLimit Limit, StoredForecastBlock? Block) GapImport(ForecastStore store, string groupId, EnvelopeOptions options, DateTimeOffset at)
    {
        if (options.GapPolicy == GapPolicy.LastKnown)
        {
            var (limit, block) = LastKnown(store, groupId, CapacityForecastType.Consumption, at, options);
            if (limit is not null)
            {
                return (limit, block);
            }
        }

        return options.GapPolicy == GapPolicy.Zero
            ? (NormalizedLimit.Zero, null)
            : (options.SiteDefaultImport ?? NormalizedLimit.Zero, null);
    }

    // Several blocks can cover one instant (ALL plus per-phase): all of them hold, so take the component-wise minimum.
    private static (NormalizedLimit? Limit, StoredForecastBlock? Block) Lookup(
        ForecastStore store, string groupId, CapacityForecastType type, DateTimeOffset at, EnvelopeOptions options)
    {
        NormalizedLimit? limit = null;
        StoredForecastBlock? source = null;
        foreach (var block in store.Blocks(groupId, type))
        {
            if (block.Covers(at))
            {
                var normalized = CapacityNormalizer.Normalize(block, options);
                limit = limit is null ? normalized : limit.Intersect(normalized);
                source ??= block;
            }
        }

        return (limit, source);
    }

    private static (NormalizedLimit? Limit, StoredForecastBlock? Block) LastKnown(
        ForecastStore store, string groupId, CapacityForecastType type, DateTimeOffset at, EnvelopeOptions options)
    {
        var latest = store.Blocks(groupId, type).Where(b => b.Start <= at).OrderBy(b => b.Start).LastOrDefault();
        if (latest is null)
        {
            return (null, null);
        }

        var covering = store.Blocks(groupId, type).Where(b => b.Start == latest.Start && b.End == latest.End).ToList();
        var limit = covering.Select(b => CapacityNormalizer.Normalize(b, options)).Aggregate((a, b) => a.Intersect(b));
        return (limit, latest);
    }

    private static bool Continues(EnvelopeSegment previous, EnvelopeSegment next) =>
        previous.To == next.From && previous with { To = next.To, From = next.From } == next;

    private static DateTimeOffset Clamp(DateTimeOffset value, DateTimeOffset min, DateTimeOffset max) =>
        value < min ? min : value > max ? max : value;
}
