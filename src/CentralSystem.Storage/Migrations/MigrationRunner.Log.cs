using Microsoft.Extensions.Logging;

namespace CentralSystem.Storage.Migrations;

// Event IDs 5200-5249: schema migrations.
public sealed partial class MigrationRunner
{
    [LoggerMessage(5200, LogLevel.Information, "Applying migration {Version}")]
    private partial void LogApplying(string version);

    [LoggerMessage(5201, LogLevel.Information, "Applied migration {Version} in {ElapsedMs:0} ms")]
    private partial void LogApplied(string version, double elapsedMs);

    [LoggerMessage(5202, LogLevel.Information, "Database schema is current: applied {AppliedCount} of {KnownCount} migrations now, latest {LatestVersion}")]
    private partial void LogSchemaCurrent(int appliedCount, int knownCount, string latestVersion);

    [LoggerMessage(5203, LogLevel.Information, "Another node is migrating this database; waiting for it to finish")]
    private partial void LogWaitingForLock();

    [LoggerMessage(5204, LogLevel.Warning, "The database has migration {Version} applied, which this build does not know; it was probably migrated by a newer version")]
    private partial void LogUnknownAppliedVersion(string version);

    [LoggerMessage(5205, LogLevel.Error, "Migration {Version} failed and was rolled back")]
    private partial void LogMigrationFailed(string version, Exception exception);
}
