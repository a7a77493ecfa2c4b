using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CentralSystem.Storage.Migrations;

// Applies forward-only SQL migrations, each in its own transaction, and records them in
// schema_migrations. Several server nodes may start at the same moment against one database:
// a session-level advisory lock makes them take turns, and whoever comes second finds
// nothing left to do. Idempotent: running it again applies only what is new.
//
// A migration runs inside a transaction, so it must not contain its own BEGIN/COMMIT nor
// statements that refuse transactions (CREATE INDEX CONCURRENTLY, VACUUM).
public sealed partial class MigrationRunner
{
    // An arbitrary constant shared by every CentralSystem node: "CSMSMIGR" in ASCII.
    internal const long AdvisoryLockKey = 0x43534D534D494752;

    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public MigrationRunner(IEnumerable<Migration> migrations, ILogger<MigrationRunner>? logger = null, TimeProvider? timeProvider = null)
    {
        Migrations = Migration.Ordered(migrations);
        _logger = logger ?? NullLogger<MigrationRunner>.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    public IReadOnlyList<Migration> Migrations { get; }

    // Per statement. Generous: a migration that rewrites a big table on a real site takes a while,
    // and a server that gives up half-way through its schema is worse than one that starts late.
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    // The schema shipped with CentralSystem.Storage (Migrations/*.sql embedded in this assembly).
    public static MigrationRunner ForEmbeddedMigrations(ILoggerFactory loggerFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return new MigrationRunner(
            Migration.FromEmbeddedResources(typeof(MigrationRunner).Assembly),
            loggerFactory.CreateLogger<MigrationRunner>(),
            timeProvider);
    }

    // Returns the versions applied by this call (empty when the schema was already current).
    public async Task<IReadOnlyList<string>> ApplyAsync(string connectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // The advisory lock belongs to the session. With pooling, closing would hand the
            // still-locked session back to the pool; an unpooled connection really ends it, so the
            // lock is released even when we fail half-way or are cancelled.
            Pooling = false,
            Multiplexing = false,
            CommandTimeout = (int)Math.Ceiling(CommandTimeout.TotalSeconds),
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await AcquireLockAsync(connection, cancellationToken);

        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    text PRIMARY KEY,
                applied_at timestamptz NOT NULL
            )
            """,
            cancellationToken: cancellationToken));
        var applied = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT version FROM schema_migrations", cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);

        var known = Migrations.Select(m => m.Version).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in applied.Where(v => !known.Contains(v)).Order(StringComparer.Ordinal))
        {
            // A newer build already migrated this database (rolling upgrade or a rollback of the binary).
            LogUnknownAppliedVersion(unknown);
        }

        var appliedNow = new List<string>();
        foreach (var migration in Migrations.Where(m => !applied.Contains(m.Version)))
        {
            await ApplyOneAsync(connection, migration, cancellationToken);
            appliedNow.Add(migration.Version);
        }

        LogSchemaCurrent(appliedNow.Count, Migrations.Count, Migrations.Count > 0 ? Migrations[^1].Version : "none");
        return appliedNow;
    }

    private async Task AcquireLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var locked = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT pg_try_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: cancellationToken));
        if (locked)
        {
            return;
        }

        LogWaitingForLock();
        // Blocks for as long as the other node migrates; the statement timeout is lifted for it
        // because the wait is bounded by the other node's work, and cancellation still ends it.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, commandTimeout: 0, cancellationToken: cancellationToken));
    }

    private async Task ApplyOneAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        LogApplying(migration.Version);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @appliedAt)",
                new { version = migration.Version, appliedAt = _time.GetUtcNow() },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            LogMigrationFailed(migration.Version, ex);
            throw new MigrationFailedException(
                migration.Version, $"Migration {migration.Version} failed and was rolled back: {ex.Message}", ex);
        }

        LogApplied(migration.Version, _time.GetElapsedTime(started).TotalMilliseconds);
    }
}
