namespace CentralSystem.Server.Dashboard;

/// <summary>How many dashboards are connected: work done only for watchers (the access-denial poll) stops without them.</summary>
public sealed class DashboardPresence
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Connected() => Interlocked.Increment(ref _count);

    public void Disconnected() => Interlocked.Decrement(ref _count);
}
