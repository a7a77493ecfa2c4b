namespace CentralSystem.Server.Caching;

/// <summary>
/// Bumped before and after every operator write (any non-GET /api request): read caches of operator-managed data
/// (id tokens, schedules, vehicles, agreements) drop entries from older generations, so a change is visible to the
/// next charger message. Sufficient on one node; a cluster would bump through the database (LISTEN/NOTIFY).
/// </summary>
public sealed class OperatorWriteGeneration
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Bump() => Interlocked.Increment(ref _value);
}
