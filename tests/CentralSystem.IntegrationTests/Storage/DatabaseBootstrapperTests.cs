using CentralSystem.Storage.Migrations;
using CentralSystem.Storage.Provisioning;
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
}
