using CentralSystem.Storage.Provisioning;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CentralSystem.IntegrationTests;

// One PostgreSQL for the whole integration run (Quartz's TestAssemblySetup idea): either the server
// named by CSMS_TEST_DB, or a private cluster in a temp folder that is stopped and deleted at the end.
// The shipped migrations are applied once, through the same bootstrapper the server uses.
// Tests isolate themselves by unique IDs, or take a scratch database of their own.
[SetUpFixture]
public sealed class TestDatabase
{
    public const string ConnectionStringVariable = "CSMS_TEST_DB";

    private static readonly TimeSpan SetUpTimeout = TimeSpan.FromMinutes(3);
    private static ProvisionedDatabase? s_database;
    private static string? s_tempFolder;
    private static ILoggerFactory? s_loggerFactory;

    public static string ConnectionString => s_database?.ConnectionString
        ?? throw new InvalidOperationException("The integration test database is not set up (TestDatabase runs as a [SetUpFixture]).");

    public static ILoggerFactory LoggerFactory => s_loggerFactory ??= CreateLoggerFactory();

    // True when the tests run against CSMS_TEST_DB rather than a cluster of their own.
    public static bool IsExternal => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ConnectionStringVariable));

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(SetUpTimeout);
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            s_tempFolder = CreateTempFolder("csms-it");
        }

        var started = TimeProvider.System.GetTimestamp();
        s_database = await DatabaseBootstrapper.ProvisionAsync(
            configured, s_tempFolder ?? string.Empty, LoggerFactory, TimeProvider.System, timeout.Token);
        await TestContext.Progress.WriteLineAsync(
            $"Integration database ready in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s "
            + (IsExternal ? $"(from {ConnectionStringVariable})" : $"(private cluster in {s_database.LocalCluster?.ClusterDirectory})"));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        var clusterDirectory = s_database?.LocalCluster?.ClusterDirectory;
        if (s_database is not null)
        {
            await s_database.DisposeAsync();
            s_database = null;
        }

        DeleteFolder(s_tempFolder);
        // Differs from the temp folder when the cluster had to be relocated (root, unreachable folder).
        DeleteFolder(clusterDirectory);
        s_loggerFactory?.Dispose();
        s_loggerFactory = null;
    }

    // An empty database on the test server, for tests that need a schema of their own (the migration
    // runner's). The caller drops it with DropScratchDatabaseAsync.
    public static async Task<string> CreateScratchDatabaseAsync(string prefix, CancellationToken cancellationToken)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropScratchDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Under CSMS_TEST_TEMP when set (tests/run.sh points it at a folder of its own, so it can stop
    // clusters a crashed test host left behind), else the system temp folder.
    public static string CreateTempFolder(string prefix)
    {
        var root = Environment.GetEnvironmentVariable("CSMS_TEST_TEMP") is { Length: > 0 } configured ? configured : Path.GetTempPath();
        var folder = Path.Combine(root, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void DeleteFolder(string? folder)
    {
        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ILoggerFactory CreateLoggerFactory() =>
        Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Information)
            .AddProvider(new ProgressLoggerProvider(LogLevel.Information)));
}
