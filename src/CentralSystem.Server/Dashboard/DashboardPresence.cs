using System.Collections.Concurrent;

namespace CentralSystem.Server.Dashboard;

/// <summary>
/// Which dashboards are connected: work done only for watchers (the access-denial poll, site allocations) stops
/// without them. Also knows who follows the <c>all</c> group, so a push to all and to a detail group can skip the
/// detail group's members that already get it through <c>all</c>.
/// </summary>
public sealed class DashboardPresence
{
    private readonly ConcurrentDictionary<string, bool> _inAllGroup = new(StringComparer.Ordinal);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Connections in the <c>all</c> group (a snapshot).</summary>
    public IReadOnlyList<string> AllGroupMembers => [.. _inAllGroup.Keys];

    public void Connected(string connectionId)
    {
        Interlocked.Increment(ref _count);
        _inAllGroup[connectionId] = true;
    }

    public void Disconnected(string connectionId)
    {
        Interlocked.Decrement(ref _count);
        _inAllGroup.TryRemove(connectionId, out _);
    }

    public void LeftAllGroup(string connectionId) => _inAllGroup.TryRemove(connectionId, out _);
}
