using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CentralSystem.Server.Events;

/// <summary>
/// A coalescing hand-off: producers (possibly under a lock) keep only the latest value per key and wake the single
/// consumer, which takes everything that accumulated. Set never blocks and never allocates per wake-up.
/// </summary>
public sealed class LatestByKey<TValue>
{
    private readonly ConcurrentDictionary<string, TValue> _latest = new(StringComparer.Ordinal);

    // One pending wake-up is enough: the consumer always takes everything there is.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Set(string key, TValue value)
    {
        _latest[key] = value;
        _wake.Writer.TryWrite(true);
    }

    /// <summary>Waits until something was set, then returns (and forgets) the latest value of every key set since.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, TValue>>> TakeAsync(CancellationToken cancellationToken)
    {
        await _wake.Reader.ReadAsync(cancellationToken);
        var taken = new List<KeyValuePair<string, TValue>>();
        foreach (var key in _latest.Keys)
        {
            if (_latest.TryRemove(key, out var value))
            {
                taken.Add(new(key, value));
            }
        }

        return taken;
    }
}
