using CentralSystem.Storage.Migrations;
using Npgsql;

namespace CentralSystem.IntegrationTests.Storage;

[Category("db")]
public class MigrationRunnerTests
{
    private static readonly Migration CreateA = new("0001_a", "CREATE TABLE a (id int PRIMARY KEY);");
    private static readonly Migration CreateB = new("0002_b", "CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a (id));");

    private string _connectionString = null!;

    [SetUp]
    public async Task CreateScratchDatabaseAsync() =>
        _connectionString = await TestDatabase.CreateScratchDatabaseAsync("migrations", TestContext.CurrentContext.CancellationToken);

    [TearDown]
    public async Task DropScratchDatabaseAsync() =>
        await TestDatabase.DropScratchDatabaseAsync(_connectionString, CancellationToken.None);

    [Test]
    [CancelAfter(60_000)]
    public async Task Shipped_migrations_are_recorded_in_the_fixture_database(CancellationToken cancellationToken)
    {
        var shipped = Migration.FromEmbeddedResources(typeof(MigrationRunner).Assembly).Select(m => m.Version);

        var recorded = await AppliedVersionsAsync(TestDatabase.ConnectionString, cancellationToken);

        Assert.That(recorded, Is.SupersetOf(shipped));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Pending_migrations_are_applied_in_version_order(CancellationToken cancellationToken)
    {
        var runner = new MigrationRunner([CreateB, CreateA]); // given out of order on purpose

        var applied = await runner.ApplyAsync(_connectionString, cancellationToken);

        Assert.That(applied, Is.EqualTo(new[] { "0001_a", "0002_b" }));
        Assert.That(await AppliedVersionsAsync(_connectionString, cancellationToken), Is.EqualTo(new[] { "0001_a", "0002_b" }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Restart_applies_only_new_migrations(CancellationToken cancellationToken)
    {
        await new MigrationRunner([CreateA]).ApplyAsync(_connectionString, cancellationToken);

        var second = await new MigrationRunner([CreateA, CreateB]).ApplyAsync(_connectionString, cancellationToken);
        var third = await new MigrationRunner([CreateA, CreateB]).ApplyAsync(_connectionString, cancellationToken);

        Assert.That(second, Is.EqualTo(new[] { "0002_b" }));
        Assert.That(third, Is.Empty);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Failing_migration_is_rolled_back_and_earlier_ones_stay_applied(CancellationToken cancellationToken)
    {
        var broken = new Migration("0002_b", "CREATE TABLE b (id int PRIMARY KEY); SELECT 1 / 0;");

        var failure = Assert.ThrowsAsync<MigrationFailedException>(
            () => new MigrationRunner([CreateA, broken]).ApplyAsync(_connectionString, cancellationToken));

        Assert.That(failure!.Version, Is.EqualTo("0002_b"));
        Assert.That(await AppliedVersionsAsync(_connectionString, cancellationToken), Is.EqualTo(new[] { "0001_a" }));
        Assert.That(await TableExistsAsync("b", cancellationToken), Is.False, "the failed migration's DDL must be rolled back");

        // The lock died with the failed runner's session: a fixed build can migrate straight away.
        var applied = await new MigrationRunner([CreateA, CreateB]).ApplyAsync(_connectionString, cancellationToken);
        Assert.That(applied, Is.EqualTo(new[] { "0002_b" }));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Concurrent_runners_apply_each_migration_exactly_once(CancellationToken cancellationToken)
    {
        // Slow enough that the runners really overlap; CREATE TABLE without IF NOT EXISTS fails if run twice.
        var slow = new Migration("0001_slow", "SELECT pg_sleep(0.3); CREATE TABLE slow (id int);");
        var runners = Enumerable.Range(0, 4).Select(_ => new MigrationRunner([slow, CreateA, CreateB])).ToList();

        var results = await Task.WhenAll(runners.Select(r => r.ApplyAsync(_connectionString, cancellationToken)));

        Assert.That(results.SelectMany(r => r), Is.EquivalentTo(new[] { "0001_slow", "0001_a", "0002_b" }));
        Assert.That(results.Count(r => r.Count > 0), Is.EqualTo(1), "one runner does the work, the others find it done");
    }

    private static async Task<List<string>> AppliedVersionsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetString(0));
        }

        return versions;
    }

    private async Task<bool> TableExistsAsync(string table, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        command.Parameters.AddWithValue("table", table);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
