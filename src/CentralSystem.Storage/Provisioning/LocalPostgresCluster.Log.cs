using Microsoft.Extensions.Logging;

namespace CentralSystem.Storage.Provisioning;

// Event IDs 5100-5149: local PostgreSQL cluster provisioning.
public sealed partial class LocalPostgresCluster
{
    [LoggerMessage(5100, LogLevel.Information, "Using PostgreSQL binaries in {BinDirectory}, running them as {OsUser}")]
    private partial void LogUsingBinaries(string binDirectory, string osUser);

    [LoggerMessage(5101, LogLevel.Information, "Initialising a new PostgreSQL cluster in {DataDirectory}")]
    private partial void LogInitializing(string dataDirectory);

    [LoggerMessage(5102, LogLevel.Information, "Initialised the PostgreSQL cluster in {DataDirectory} in {ElapsedMs:0} ms")]
    private partial void LogInitialized(string dataDirectory, double elapsedMs);

    [LoggerMessage(5103, LogLevel.Information, "Starting PostgreSQL on {DataDirectory}, port {Port}")]
    private partial void LogStarting(string dataDirectory, int port);

    [LoggerMessage(5104, LogLevel.Information, "PostgreSQL started on 127.0.0.1:{Port} in {ElapsedMs:0} ms")]
    private partial void LogStarted(int port, double elapsedMs);

    [LoggerMessage(5105, LogLevel.Information, "Reusing the PostgreSQL server already running on {DataDirectory}, port {Port}")]
    private partial void LogReusingRunningCluster(string dataDirectory, int port);

    [LoggerMessage(5106, LogLevel.Warning, "Removing stale {PidFile} (PID {Pid} is not a running PostgreSQL server)")]
    private partial void LogRemovingStalePidFile(string pidFile, int pid);

    [LoggerMessage(5107, LogLevel.Warning, "Port {Port} was taken before PostgreSQL could bind it; trying another port")]
    private partial void LogPortTaken(int port);

    [LoggerMessage(5108, LogLevel.Information, "Created database {Database}")]
    private partial void LogDatabaseCreated(string database);

    [LoggerMessage(5109, LogLevel.Information, "Local PostgreSQL ready: database {Database} on 127.0.0.1:{Port} ({ElapsedMs:0} ms)")]
    private partial void LogClusterReady(string database, int port, double elapsedMs);

    [LoggerMessage(5110, LogLevel.Information, "Stopping PostgreSQL on {DataDirectory} (PID {Pid})")]
    private partial void LogStopping(string dataDirectory, int pid);

    [LoggerMessage(5111, LogLevel.Information, "Stopped PostgreSQL on {DataDirectory} in {ElapsedMs:0} ms")]
    private partial void LogStopped(string dataDirectory, double elapsedMs);

    [LoggerMessage(5112, LogLevel.Debug, "No PostgreSQL server is running on {DataDirectory}; nothing to stop")]
    private partial void LogNotRunning(string dataDirectory);

    [LoggerMessage(5113, LogLevel.Warning, "Removing the incomplete data directory {DataDirectory} left by an interrupted initdb")]
    private partial void LogRemovingIncompleteDataDirectory(string dataDirectory);

    [LoggerMessage(5114, LogLevel.Warning, "The {OsUser} account cannot reach {ConfiguredDirectory}; keeping the PostgreSQL cluster in {RelocatedDirectory} instead")]
    private partial void LogRelocating(string configuredDirectory, string osUser, string relocatedDirectory);

    [LoggerMessage(5115, LogLevel.Information, "Waiting for another process provisioning the cluster ({LockFile})")]
    private partial void LogWaitingForLock(string lockFile);

    [LoggerMessage(5116, LogLevel.Debug, "Running {CommandLine}")]
    private partial void LogRunning(string commandLine);
}
