using CentralSystem.Storage.Provisioning;

namespace CentralSystem.Tests.Storage;

public class PostgresBinariesTests
{
    private static readonly string[] Installed =
        ["/usr/lib/postgresql/9.6", "/usr/lib/postgresql/15", "/usr/lib/postgresql/16", "/usr/lib/postgresql/17"];

    [Test]
    public void Newest_major_version_is_chosen_by_number_not_by_text()
    {
        var chosen = PostgresBinaries.SelectVersioned(Installed, preferredVersion: null, HasToolsExcept("/usr/lib/postgresql/17/bin"));

        Assert.That(chosen, Is.EqualTo(new PostgresBinaries("/usr/lib/postgresql/16/bin", "16")));
    }

    [Test]
    public void Existing_cluster_version_wins_over_newer_installs()
    {
        var chosen = PostgresBinaries.SelectVersioned(Installed, preferredVersion: "15", HasToolsExcept());

        Assert.That(chosen!.Version, Is.EqualTo("15"));
    }

    [Test]
    public void Missing_preferred_version_falls_back_to_newest()
    {
        var chosen = PostgresBinaries.SelectVersioned(Installed, preferredVersion: "14", HasToolsExcept());

        Assert.That(chosen!.Version, Is.EqualTo("17"));
    }

    [Test]
    public void Directories_that_are_not_versions_are_ignored()
    {
        var chosen = PostgresBinaries.SelectVersioned(["/usr/lib/postgresql/lib", "/usr/lib/postgresql/share"], null, HasToolsExcept());

        Assert.That(chosen, Is.Null);
    }

    [Test]
    public void Path_lookup_returns_first_directory_with_all_tools()
    {
        var found = PostgresBinaries.FindOnPath("/nowhere:/opt/pg/bin:/usr/bin", dir => dir == "/opt/pg/bin");

        Assert.That(found, Is.EqualTo("/opt/pg/bin"));
    }

    [TestCase("15", 15, 0)]
    [TestCase("9.6", 9, 6)]
    [TestCase("16beta", null, null)]
    [TestCase("1.2.3", null, null)]
    [TestCase("", null, null)]
    public void Version_directory_names_parse_as_major_and_minor(string name, int? major, int? minor)
    {
        var parsed = PostgresBinaries.ParseVersion(name);

        Assert.That(parsed, Is.EqualTo(major is null ? null : (major.Value, minor!.Value)));
    }

    [Test]
    public void Not_installed_message_tells_how_to_install()
    {
        Assert.That(new PostgresNotInstalledException().Message, Does.Contain("apt-get install -y postgresql"));
    }

    private static Func<string, bool> HasToolsExcept(params string[] missing) => dir => !missing.Contains(dir);
}
