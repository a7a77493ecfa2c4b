using CentralSystem.Storage.Migrations;

namespace CentralSystem.Tests.Storage;

public class MigrationTests
{
    [Test]
    public void Migrations_are_ordered_by_version_ordinally()
    {
        var ordered = Migration.Ordered([new("0010_late", ""), new("0002_b", ""), new("0001_a", "")]);

        Assert.That(ordered.Select(m => m.Version), Is.EqualTo(new[] { "0001_a", "0002_b", "0010_late" }));
    }

    [Test]
    public void Duplicate_versions_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Migration.Ordered([new("0001_a", "x"), new("0001_a", "y")]));
    }

    [Test]
    public void Empty_version_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Migration.Ordered([new(" ", "x")]));
    }

    [Test]
    public void Shipped_migrations_are_named_by_file_without_prefix_or_extension()
    {
        var shipped = Migration.FromEmbeddedResources(typeof(MigrationRunner).Assembly);

        Assert.That(shipped.Select(m => m.Version), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(shipped, Has.All.Matches<Migration>(m =>
            !m.Version.StartsWith("Migrations.", StringComparison.Ordinal)
            && !m.Version.EndsWith(".sql", StringComparison.Ordinal)
            && m.Sql.Length > 0));
    }

    [Test]
    public void Runner_sorts_the_source_it_is_given()
    {
        var runner = new MigrationRunner([new("0002_b", ""), new("0001_a", "")]);

        Assert.That(runner.Migrations.Select(m => m.Version), Is.EqualTo(new[] { "0001_a", "0002_b" }));
    }
}
