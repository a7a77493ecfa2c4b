using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CentralSystem.Storage.Provisioning;

// A private PostgreSQL cluster in a folder of our own, for development, tests and the
// "run the server with no configuration" default. It is started with the distribution's
// binaries (initdb/pg_ctl), never as a system service.
//
// Authentication: a random superuser password (SCRAM) rather than trust. Trust on loopback TCP
// would give every local account superuser access to the database, and a unix socket with trust
// would need a socket directory that both the root-run server and the postgres account can use.
// The password is generated once at initdb and kept next to the cluster, readable only by its owner.
//
// Layout of ClusterDirectory: pgdata/ (PGDATA), postgres.log (server log, appended),
// superuser.password (0600), port (last port used), provision.lock (serialises provisioning).
public sealed partial class LocalPostgresCluster
{
    internal const string SuperUser = "postgres";
    private const string DataSubdirectory = "pgdata";
    private const string PasswordFileName = "superuser.password";
    private const string PortFileName = "port";
    private const string LogFileName = "postgres.log";
    private const int StartAttempts = 3;

    private readonly LocalPostgresClusterOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string? _runAsUser;
    private PostgresCommands? _commands;

    public LocalPostgresCluster(
        LocalPostgresClusterOptions options, ILogger<LocalPostgresCluster> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ClusterDirectory);
        if (!DatabaseName().IsMatch(options.DatabaseName))
        {
            throw new ArgumentException(
                $"Database name '{options.DatabaseName}' must be a lower-case identifier (a-z, 0-9, _).", nameof(options));
        }

        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _runAsUser = Environment.IsPrivilegedProcess ? options.ServiceUser : null;
        ClusterDirectory = Path.GetFullPath(options.ClusterDirectory);
    }

    // May differ from the configured folder when this process is root and the service user cannot
    // reach the configured one (see PrepareClusterDirectoryAsync).
    public string ClusterDirectory { get; private set; }

    public string DataDirectory => Path.Combine(ClusterDirectory, DataSubdirectory);

    public string LogFile => Path.Combine(ClusterDirectory, LogFileName);

    public int? Port { get; private set; }

    public string? ConnectionString { get; private set; }

    // False when StartAsync found the cluster already running (another process started it).
    public bool StartedByThisInstance { get; private set; }

    public async Task<string> StartAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The local PostgreSQL cluster needs Linux or macOS; configure a connection string instead.");
        }

        var started = _time.GetTimestamp();
        if (_runAsUser is not null)
        {
            await EnsureServiceUserExistsAsync(_runAsUser, cancellationToken);
        }

        ClusterDirectory = await PrepareClusterDirectoryAsync(cancellationToken);
        await using var provisioningLock = await AcquireLockAsync(cancellationToken);

        var commands = Commands();
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitializeAsync(commands, cancellationToken);
        }

        var password = await ReadPasswordAsync(cancellationToken);
        await WriteConfigurationAsync(cancellationToken);

        var port = await FindRunningServerAsync(cancellationToken);
        if (port is not null)
        {
            LogReusingRunningCluster(DataDirectory, port.Value);
        }
        else
        {
            port = await StartServerAsync(commands, cancellationToken);
            StartedByThisInstance = true;
        }

        Port = port;
        try
        {
            await EnsureDatabaseExistsAsync(port.Value, password, cancellationToken);
        }
        catch (Exception) when (StartedByThisInstance)
        {
            // Nobody will get a handle to stop a server whose start failed half-way; don't orphan it.
            await StopAfterFailedStartAsync();
            throw;
        }

        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = port.Value,
            Database = _options.DatabaseName,
            Username = SuperUser,
            Password = password,
        }.ConnectionString;
        LogClusterReady(_options.DatabaseName, port.Value, _time.GetElapsedTime(started).TotalMilliseconds);
        return ConnectionString;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var pid = await ReadLivePidFileAsync(cancellationToken);
        if (pid is null)
        {
            LogNotRunning(DataDirectory);
            return;
        }

        await using var provisioningLock = await AcquireLockAsync(cancellationToken);
        var stopping = _time.GetTimestamp();
        LogStopping(DataDirectory, pid.Pid);
        var result = await RunAsync(Commands().Stop(DataDirectory, _options.StopTimeout), cancellationToken);
        if (!result.Succeeded && await ReadLivePidFileAsync(cancellationToken) is not null)
        {
            throw new PostgresProvisioningException(
                $"pg_ctl stop failed for {DataDirectory} (exit code {result.ExitCode}): {result.Output}");
        }

        LogStopped(DataDirectory, _time.GetElapsedTime(stopping).TotalMilliseconds);
    }

    private async Task StopAfterFailedStartAsync()
    {
        using var timeout = new CancellationTokenSource(_options.StopTimeout + TimeSpan.FromSeconds(5));
        try
        {
            await RunAsync(Commands().Stop(DataDirectory, _options.StopTimeout), timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The original failure is the one worth reporting.
        }
        catch (PostgresProvisioningException)
        {
            // Same.
        }

        StartedByThisInstance = false;
    }

    // Last resort for a host that never disposed its ProvisionedDatabase (for instance a DI singleton
    // that was never resolved, so the container never disposes it): called from AppDomain.ProcessExit,
    // where nothing can be awaited. Stops only a server this instance started.
    internal void StopBeforeProcessExit()
    {
        if (!StartedByThisInstance || _commands is null)
        {
            return;
        }

        var pidFile = Path.Combine(DataDirectory, PostmasterPidFile.FileName);
        var pid = File.Exists(pidFile) ? PostmasterPidFile.Parse(File.ReadAllText(pidFile)) : null;
        if (pid is null || !IsLivePostgresProcess(pid.Pid))
        {
            return;
        }

        LogStopping(DataDirectory, pid.Pid);
        ProcessRunner.RunToExit(_commands.Stop(DataDirectory, _options.StopTimeout), ClusterDirectory, _options.StopTimeout + TimeSpan.FromSeconds(5));
    }

    private PostgresCommands Commands()
    {
        if (_commands is null)
        {
            var existingVersion = ReadDataDirectoryVersion();
            var binaries = PostgresBinaries.Locate(_options.BinDirectory, existingVersion);
            if (existingVersion is not null && binaries.Version is not null && binaries.Version != existingVersion)
            {
                throw new PostgresProvisioningException(
                    $"The cluster in {DataDirectory} was created by PostgreSQL {existingVersion}, but only PostgreSQL "
                    + $"{binaries.Version} is installed. Install postgresql-{existingVersion} (apt-get install -y postgresql-{existingVersion}), "
                    + $"or move {ClusterDirectory} away to start with an empty database.");
            }

            LogUsingBinaries(binaries.BinDirectory, _runAsUser ?? Environment.UserName);
            _commands = new PostgresCommands(binaries, _runAsUser, RunUserPath());
        }

        return _commands;
    }

    private async Task InitializeAsync(PostgresCommands commands, CancellationToken cancellationToken)
    {
        // An initdb that was killed half-way leaves a folder without PG_VERSION that initdb refuses
        // to reuse; it holds nothing a person could want back.
        if (Directory.Exists(DataDirectory) && Directory.EnumerateFileSystemEntries(DataDirectory).Any())
        {
            LogRemovingIncompleteDataDirectory(DataDirectory);
            Directory.Delete(DataDirectory, recursive: true);
        }

        var initializing = _time.GetTimestamp();
        LogInitializing(DataDirectory);
        var passwordFile = Path.Combine(ClusterDirectory, PasswordFileName);
        await WriteSecretAsync(passwordFile, GeneratePassword() + "\n", cancellationToken);

        var result = await RunAsync(commands.InitDb(DataDirectory, SuperUser, passwordFile), cancellationToken);
        if (!result.Succeeded)
        {
            throw new PostgresProvisioningException(
                $"initdb failed for {DataDirectory} (exit code {result.ExitCode}): {result.Output}");
        }

        LogInitialized(DataDirectory, _time.GetElapsedTime(initializing).TotalMilliseconds);
    }

    private async Task<int> StartServerAsync(PostgresCommands commands, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = _options.Port ?? await PreferredPortAsync(cancellationToken);
            var logOffset = File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
            var starting = _time.GetTimestamp();
            LogStarting(DataDirectory, port);

            var result = await RunAsync(commands.Start(DataDirectory, LogFile, port, _options.StartTimeout), cancellationToken);
            if (result.Succeeded)
            {
                await File.WriteAllTextAsync(
                    Path.Combine(ClusterDirectory, PortFileName), port.ToString(CultureInfo.InvariantCulture), cancellationToken);
                LogStarted(port, _time.GetElapsedTime(starting).TotalMilliseconds);
                return port;
            }

            var serverLog = await ReadLogSinceAsync(logOffset, cancellationToken);
            // A free port picked a moment ago can be taken by someone else before postgres binds it.
            if (_options.Port is null && attempt < StartAttempts
                && serverLog.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                LogPortTaken(port);
                continue;
            }

            throw new PostgresProvisioningException(
                $"pg_ctl start failed for {DataDirectory} on port {port} (exit code {result.ExitCode}): {result.Output}\n"
                + $"Server log ({LogFile}):\n{serverLog}");
        }
    }

    private async Task EnsureDatabaseExistsAsync(int port, string password, CancellationToken cancellationToken)
    {
        var maintenance = new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = port,
            Database = "postgres",
            Username = SuperUser,
            Password = password,
            // A one-off connection: keep it out of the pool so no idle session lingers.
            Pooling = false,
        };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)",
            new { name = _options.DatabaseName },
            cancellationToken: cancellationToken));
        if (exists)
        {
            return;
        }

        try
        {
            // CREATE DATABASE takes no parameters; the name was checked against DatabaseName() and is quoted.
            await connection.ExecuteAsync(new CommandDefinition(
                $"CREATE DATABASE \"{_options.DatabaseName}\"", cancellationToken: cancellationToken));
            LogDatabaseCreated(_options.DatabaseName);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Created by someone else in the meantime: that is what we wanted.
        }
    }

    private async Task<int> PreferredPortAsync(CancellationToken cancellationToken)
    {
        // Keep the port of the previous start when possible, so a developer's psql/IDE settings keep working.
        var portFile = Path.Combine(ClusterDirectory, PortFileName);
        if (File.Exists(portFile)
            && int.TryParse((await File.ReadAllTextAsync(portFile, cancellationToken)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            && last is > 0 and < 65536
            && IsPortFree(last))
        {
            return last;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
