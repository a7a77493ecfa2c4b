namespace CentralSystem.Storage.Provisioning;

// The database the server runs against, as set up by DatabaseBootstrapper.ProvisionAsync.
// Disposing it stops the local cluster if (and only if) this process started it, so a host
// that writes `await using var db = await DatabaseBootstrapper.ProvisionAsync(...)` around
// `app.RunAsync()` leaves no PostgreSQL behind when it shuts down. If it is never disposed,
// the cluster is still stopped when the process exits normally (not on SIGKILL or a crash;
// the next start then reuses the running server).
public sealed class ProvisionedDatabase : IAsyncDisposable
{
    private readonly LocalPostgresCluster? _ownedCluster;
    private int _stopped;

    internal ProvisionedDatabase(string connectionString, LocalPostgresCluster? localCluster)
    {
        ConnectionString = connectionString;
        LocalCluster = localCluster;
        _ownedCluster = localCluster is { StartedByThisInstance: true } ? localCluster : null;
        if (_ownedCluster is not null)
        {
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }
    }

    public string ConnectionString { get; }

    // Null when a connection string was configured.
    public LocalPostgresCluster? LocalCluster { get; }

    public bool OwnsLocalCluster => _ownedCluster is not null;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_ownedCluster is null || Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await _ownedCluster.StopAsync(cancellationToken);
    }

    // Leaves the cluster running for the next start of the process (EnsureDatabaseAsync's promise).
    internal void KeepRunning()
    {
        Interlocked.Exchange(ref _stopped, 1);
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (_ownedCluster is not null && Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _ownedCluster.StopBeforeProcessExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Bounded: pg_ctl stop -m fast normally takes well under a second; never hang a shutdown on it.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await StopAsync(timeout.Token);
    }
}
