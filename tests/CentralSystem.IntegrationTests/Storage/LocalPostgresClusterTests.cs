using CentralSystem.Storage.Provisioning;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CentralSystem.IntegrationTests.Storage;

// A cluster of its own (not the shared one), because these tests stop and restart it.
[Category("db")]
[NonParallelizable]
public class LocalPostgresClusterTests
{
    private string _folder = null!;
    private LocalPostgresCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        _folder = TestDatabase.CreateTempFolder("csms-cluster");
        _cluster = NewCluster();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await _cluster.StartAsync(timeout.Token);
        }
        catch (PostgresNotInstalledException) when (TestDatabase.IsExternal)
        {
            Assert.Ignore("No PostgreSQL server binaries here; the run uses CSMS_TEST_DB.");
        }
    }

    [OneTimeTearDown]
    public async Task DeleteClusterAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await NewCluster().StopAsync(timeout.Token);
        TestDatabase.DeleteFolder(_folder);
        TestDatabase.DeleteFolder(_cluster.ClusterDirectory);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Start_on_a_folder_whose_cluster_runs_reuses_it(CancellationToken cancellationToken)
    {
        var second = NewCluster();

        var connectionString = await second.StartAsync(cancellationToken);

        Assert.That(second.StartedByThisInstance, Is.False);
        Assert.That(second.Port, Is.EqualTo(_cluster.Port));
        Assert.That(await ServerSettingAsync(connectionString, "port", cancellationToken), Is.EqualTo(_cluster.Port.ToString()));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Committed_data_survives_a_stop_and_start(CancellationToken cancellationToken)
    {
        await ExecuteAsync(_cluster.ConnectionString!, "CREATE TABLE IF NOT EXISTS durable (v text); INSERT INTO durable VALUES ('kept');", cancellationToken);

        await _cluster.StopAsync(cancellationToken);
        var restarted = NewCluster();
        var connectionString = await restarted.StartAsync(cancellationToken);
        _cluster = restarted;

        Assert.That(restarted.StartedByThisInstance, Is.True);
        Assert.That(await ScalarAsync(connectionString, "SELECT count(*) FROM durable WHERE v = 'kept'", cancellationToken), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Start_recovers_from_a_stale_pid_file_whose_pid_belongs_to_another_process(CancellationToken cancellationToken)
    {
        await _cluster.StopAsync(cancellationToken);
        // What a container restart leaves: postmaster.pid naming a PID that is alive but is not
        // PostgreSQL (here: the test host itself). PostgreSQL alone would refuse to start.
        var pidFile = Path.Combine(_cluster.DataDirectory, "postmaster.pid");
        await File.WriteAllTextAsync(pidFile, $"{Environment.ProcessId}\n{_cluster.DataDirectory}\n1700000000\n{_cluster.Port}\n\n127.0.0.1\n  5432001    32768\nready   \n", cancellationToken);

        var restarted = NewCluster();
        var connectionString = await restarted.StartAsync(cancellationToken);
        _cluster = restarted;

        Assert.That(restarted.StartedByThisInstance, Is.True);
        Assert.That(await ScalarAsync(connectionString, "SELECT 1", cancellationToken), Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Server_runs_with_durable_settings_on_loopback_only(CancellationToken cancellationToken)
    {
        var connectionString = _cluster.ConnectionString!;

        Assert.Multiple(async () =>
        {
            Assert.That(await ServerSettingAsync(connectionString, "fsync", cancellationToken), Is.EqualTo("on"));
            Assert.That(await ServerSettingAsync(connectionString, "synchronous_commit", cancellationToken), Is.EqualTo("on"));
            Assert.That(await ServerSettingAsync(connectionString, "listen_addresses", cancellationToken), Is.EqualTo("127.0.0.1"));
            Assert.That(await ServerSettingAsync(connectionString, "max_connections", cancellationToken), Is.EqualTo("200"));
            Assert.That(await ServerSettingAsync(connectionString, "server_encoding", cancellationToken), Is.EqualTo("UTF8"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public void Superuser_password_file_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Unix file modes only.");
            return;
        }

        var mode = File.GetUnixFileMode(Path.Combine(_cluster.ClusterDirectory, "superuser.password"));

        Assert.That(mode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    [CancelAfter(60_000)]
    public void Wrong_password_is_rejected()
    {
        var wrong = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { Password = "not-the-password", Pooling = false };

        var error = Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var connection = new NpgsqlConnection(wrong.ConnectionString);
            await connection.OpenAsync();
        });

        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.InvalidPassword));
    }

    private LocalPostgresCluster NewCluster() => new(
        new LocalPostgresClusterOptions { ClusterDirectory = Path.Combine(_folder, "postgres"), DatabaseName = "cluster_tests" },
        TestDatabase.LoggerFactory.CreateLogger<LocalPostgresCluster>());

    // These tests restart the server under the pool's feet; pooled sessions would be dead (57P01).
    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Unpooled(connectionString));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Unpooled(connectionString));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> ServerSettingAsync(string connectionString, string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Unpooled(connectionString));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT current_setting(@name)", connection);
        command.Parameters.AddWithValue("name", name);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
