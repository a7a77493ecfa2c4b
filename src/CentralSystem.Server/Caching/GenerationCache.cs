using System.Collections.Concurrent;

namespace CentralSystem.Server.Caching;

/// <summary>A small read-through cache whose entries die with the operator write generation or a TTL.</summary>
public sealed class GenerationCache<TKey, TValue>(OperatorWriteGeneration generation, TimeProvider time, TimeSpan timeToLive, int maxEntries)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (long Generation, long StoredAt, TValue Value)> _entries = new();

    public async Task<TValue> GetAsync(TKey key, Func<TKey, Task<TValue>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        var current = generation.Value;
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == current && time.GetElapsedTime(entry.StoredAt) < timeToLive)
        {
            return entry.Value;
        }

        var value = await load(key);
        if (_entries.Count >= maxEntries)
        {
            // Unknown identifiers are cached too; a flood of them must not grow memory without bound.
            _entries.Clear();
        }

        _entries[key] = (current, time.GetTimestamp(), value);
        return value;
    }
}
