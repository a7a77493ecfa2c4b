namespace CentralSystem.Oscp.Persistence;

/// <summary>Keeps nothing across restarts: for unit tests and hosts without a database. Records what it was given.</summary>
public sealed class InMemoryOscpStateStore : IOscpStateStore
{
    private readonly Lock _lock = new();
    private readonly List<OscpChangeSet> _commits = [];
    private readonly List<OscpDeliveryRecord> _deliveries = [];

    public IReadOnlyList<OscpChangeSet> Commits
    {
        get
        {
            lock (_lock)
            {
                return [.. _commits];
            }
        }
    }

    public IReadOnlyList<OscpDeliveryRecord> Deliveries
    {
        get
        {
            lock (_lock)
            {
                return [.. _deliveries];
            }
        }
    }

    public Task<OscpStoredState> LoadAsync(DateTimeOffset requestIdsSince, CancellationToken cancellationToken) =>
        Task.FromResult(OscpStoredState.Empty);

    public Task CommitAsync(OscpChangeSet changes, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _commits.Add(changes);
        }

        return Task.CompletedTask;
    }

    public Task RecordDeliveryAsync(OscpDeliveryRecord record, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _deliveries.Add(record);
        }

        return Task.CompletedTask;
    }
}
