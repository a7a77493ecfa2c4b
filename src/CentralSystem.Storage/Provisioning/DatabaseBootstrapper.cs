using CentralSystem.Storage.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CentralSystem.Storage.Provisioning;

// Startup path for the server and the test fixtures: find or make a database, bring its schema
// up to date, hand back the connection string.
//   - A configured connection string is used as is; the server may still be starting (compose,
//     CI services), so connecting is retried with backoff for a bounded time.
//   - Without one, a private cluster is provisioned under <dataFolder>/postgres.
public static partial class DatabaseBootstrapper
{
    public const string ClusterSubfolder = "postgres";

    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    // Leaves a local cluster it started running after the process ends (the next start reuses it).
    // Use ProvisionAsync to have it stopped on shutdown (on dispose, or at the latest at process exit).
    public static async Task<string> EnsureDatabaseAsync(
        string? configuredConnectionString,
        string dataFolder,
        ILoggerFactory loggerFactory,
        TimeProvider? timeProvider,
        CancellationToken cancellationToken)
    {
        var database = await ProvisionAsync(configuredConnectionString, dataFolder, loggerFactory, timeProvider, cancellationToken);
        database.KeepRunning();
        return database.ConnectionString;
    }

    public static async Task<ProvisionedDatabase> ProvisionAsync(
        string? configuredConnectionString,
        string dataFolder,
        ILoggerFactory loggerFactory,
        TimeProvider? timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var time = timeProvider ?? TimeProvider.System;
        var logger = loggerFactory.CreateLogger(typeof(DatabaseBootstrapper));

        ProvisionedDatabase database;
        if (!string.IsNullOrWhiteSpace(configuredConnectionString))
        {
            LogUsingConfiguredDatabase(logger, Describe(configuredConnectionString));
            await WaitForServerAsync(configuredConnectionString, ConnectTimeout, logger, time, cancellationToken);
            database = new ProvisionedDatabase(configuredConnectionString, localCluster: null);
        }
        else
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
            LogProvisioningLocalCluster(logger, Path.GetFullPath(dataFolder));
            var cluster = new LocalPostgresCluster(
                new LocalPostgresClusterOptions { ClusterDirectory = Path.Combine(dataFolder, ClusterSubfolder) },
                loggerFactory.CreateLogger<LocalPostgresCluster>(),
                time);
            var connectionString = await cluster.StartAsync(cancellationToken);
            database = new ProvisionedDatabase(connectionString, cluster);
        }

        try
        {
            await MigrationRunner.ForEmbeddedMigrations(loggerFactory, time).ApplyAsync(database.ConnectionString, cancellationToken);
        }
        catch
        {
            // Don't leave a server we started running behind a host that is about to fail.
            await database.DisposeAsync();
            throw;
        }

        return database;
    }

    // For hosts that used EnsureDatabaseAsync: stops the local cluster under dataFolder, whoever started it.
    public static Task StopLocalClusterAsync(string dataFolder, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var cluster = new LocalPostgresCluster(
            new LocalPostgresClusterOptions { ClusterDirectory = Path.Combine(dataFolder, ClusterSubfolder) },
            loggerFactory.CreateLogger<LocalPostgresCluster>());
        return cluster.StopAsync(cancellationToken);
    }

    internal static async Task WaitForServerAsync(
        string connectionString, TimeSpan budget, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var probe = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            Multiplexing = false,
            Timeout = 5,
        }.ConnectionString;
        var since = time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(cancellationToken);
                if (attempt > 1)
                {
                    LogServerAvailable(logger, attempt, time.GetElapsedTime(since).TotalMilliseconds);
                }

                return;
            }
            // Transient: refused, reset, timed out, "the database system is starting up" (57P03).
            // Wrong password or unknown database are not, and fail at once.
            catch (NpgsqlException ex) when (ex.IsTransient && time.GetElapsedTime(since) + delay < budget)
            {
                LogServerNotReady(logger, attempt, ex.Message, delay.TotalMilliseconds);
            }

            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
        }
    }

    // Host/port/database for logs; never the password.
    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
