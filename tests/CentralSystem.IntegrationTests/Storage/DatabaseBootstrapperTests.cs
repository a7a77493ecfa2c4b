using System.Net;
using System.Net.Sockets;
using CentralSystem.Storage.Migrations;
using CentralSystem.Storage.Provisioning;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CentralSystem.IntegrationTests.Storage;

[Category("db")]
public class DatabaseBootstrapperTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Configured_connection_string_is_used_and_migrated(CancellationToken cancellationToken)
    {
        var scratch = await TestDatabase.CreateScratchDatabaseAsync("bootstrap", cancellationToken);
        try
        {
            var connectionString = await DatabaseBootstrapper.EnsureDatabaseAsync(
                scratch, dataFolder: "/nonexistent/never-used", TestDatabase.LoggerFactory, TimeProvider.System, cancellationToken);

            Assert.That(connectionString, Is.EqualTo(scratch));
            var shipped = Migration.FromEmbeddedResources(typeof(MigrationRunner).Assembly).Count;
            await using var connection = new NpgsqlConnection(scratch);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
            Assert.That(await command.ExecuteScalarAsync(cancellationToken), Is.EqualTo(shipped));
        }
        finally
        {
            await TestDatabase.DropScratchDatabaseAsync(scratch, CancellationToken.None);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public void Wrong_credentials_fail_at_once_instead_of_being_retried(CancellationToken cancellationToken)
    {
        var wrong = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Password = "wrong", Pooling = false }.ConnectionString;
        var started = TimeProvider.System.GetTimestamp();

        Assert.ThrowsAsync<PostgresException>(() => DatabaseBootstrapper.EnsureDatabaseAsync(
            wrong, "/nonexistent/never-used", TestDatabase.LoggerFactory, TimeProvider.System, cancellationToken));

        Assert.That(TimeProvider.System.GetElapsedTime(started), Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    [CancelAfter(60_000)]
    public void Unreachable_server_is_retried_until_the_budget_is_spent(CancellationToken cancellationToken)
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var unreachable = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Port = closedPort }.ConnectionString;
        var started = TimeProvider.System.GetTimestamp();

        Assert.ThrowsAsync<NpgsqlException>(() => DatabaseBootstrapper.WaitForServerAsync(
            unreachable, TimeSpan.FromSeconds(2), TestDatabase.LoggerFactory.CreateLogger("test"), TimeProvider.System, cancellationToken));

        Assert.That(TimeProvider.System.GetElapsedTime(started), Is.GreaterThan(TimeSpan.FromSeconds(0.7)).And.LessThan(TimeSpan.FromSeconds(10)));
    }
}
