using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Envelopes;

/// <summary>In-memory forecast blocks per (group, type) with the digest §8.1 replacement rule. Not thread-safe.</summary>
public sealed class ForecastStore
{
    private readonly Dictionary<(string GroupId, CapacityForecastType Type), List<StoredForecastBlock>> _blocks = [];

    public void Apply(GroupCapacityForecastMessage message, string requestId, DateTimeOffset receivedAt, ForecastReplacement mode)
    {
        var incoming = message.ForecastedBlocks
            .Select(b => new StoredForecastBlock(
                message.GroupId, message.Type, b.Phase, b.Unit, b.Capacity,
                b.StartTime.ToUniversalTime(), b.EndTime.ToUniversalTime(), requestId, receivedAt))
            .ToList();
        if (incoming.Count == 0)
        {
            return;
        }

        var key = (message.GroupId, message.Type);
        var kept = new List<StoredForecastBlock>();
        if (mode == ForecastReplacement.SpanReplace && _blocks.TryGetValue(key, out var existing))
        {
            // ELMO sends a whole day ahead, then "emergency" forecasts for the rest of today (digest §4.1): the newer
            // message wins inside its own span only.
            var spanStart = incoming.Min(b => b.Start);
            var spanEnd = incoming.Max(b => b.End);
            foreach (var block in existing)
            {
                if (block.End <= spanStart || block.Start >= spanEnd)
                {
                    kept.Add(block);
                    continue;
                }

                if (block.Start < spanStart)
                {
                    kept.Add(block with { End = spanStart });
                }

                if (block.End > spanEnd)
                {
                    kept.Add(block with { Start = spanEnd });
                }
            }
        }

        kept.AddRange(incoming);
        kept.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        _blocks[key] = kept;
    }

    /// <summary>Start-up: the blocks persisted for one (group, type), already replaced and pruned when stored.</summary>
    public void Restore(string groupId, CapacityForecastType type, IReadOnlyList<StoredForecastBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        _blocks[(groupId, type)] = [.. blocks.OrderBy(b => b.Start)];
    }

    public IReadOnlyList<StoredForecastBlock> Blocks(string groupId, CapacityForecastType type) =>
        _blocks.TryGetValue((groupId, type), out var list) ? list : [];

    public IEnumerable<StoredForecastBlock> AllBlocks(string groupId) =>
        _blocks.Where(kv => kv.Key.GroupId == groupId).SelectMany(kv => kv.Value);

    /// <summary>DELETE /register or an unbound group: forget every block of the group (digest §3.4).</summary>
    public void Remove(string groupId)
    {
        foreach (var key in _blocks.Keys.Where(k => k.GroupId == groupId).ToList())
        {
            _blocks.Remove(key);
        }
    }

    /// <summary>Drops blocks that ended at or before <paramref name="endedBy"/> (digest §8.1 pruning); returns how many.</summary>
    public int Prune(DateTimeOffset endedBy)
    {
        var removed = 0;
        foreach (var list in _blocks.Values)
        {
            removed += list.RemoveAll(b => b.End <= endedBy);
        }

        return removed;
    }
}
