using System.Collections.Concurrent;
using System.Threading.Channels;
using CentralSystem.Server.SmartCharging;
using CentralSystem.SmartCharging.Allocation;

namespace CentralSystem.Server.Oscp;

/// <summary>
/// The latest allocation per site, handed from the dispatcher (under its lock) to the compliance monitor. A separate
/// type with no dependencies, because the monitor itself needs the dispatcher and the OSCP provider.
/// </summary>
public sealed class OscpAllocationFeed : ISiteAllocationObserver
{
    private readonly ConcurrentDictionary<string, AllocationResult> _pending = new(StringComparer.Ordinal);
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void OnAllocated(string siteId, AllocationResult result)
    {
        _pending[siteId] = result;
        _signal.Writer.TryWrite(true);
    }

    /// <summary>Waits for new results, then returns the latest per site since the previous call.</summary>
    public async Task<IReadOnlyList<(string SiteId, AllocationResult Result)>> NextAsync(CancellationToken cancellationToken)
    {
        await _signal.Reader.ReadAsync(cancellationToken);
        var taken = new List<(string, AllocationResult)>();
        foreach (var siteId in _pending.Keys)
        {
            if (_pending.TryRemove(siteId, out var result))
            {
                taken.Add((siteId, result));
            }
        }

        return taken;
    }
}
