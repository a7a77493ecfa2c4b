using CentralSystem.Storage.Provisioning;

namespace CentralSystem.Tests.Storage;

public class ClusterConfigurationTests
{
    private static readonly LocalPostgresClusterOptions Defaults = new() { ClusterDirectory = "/d" };

    [TestCase("fsync = on")]
    [TestCase("synchronous_commit = on")]
    [TestCase("full_page_writes = on")]
    [TestCase("listen_addresses = '127.0.0.1'")]
    [TestCase("unix_socket_directories = ''")]
    [TestCase("max_connections = 200")]
    [TestCase("shared_buffers = '128MB'")]
    public void Defaults_are_durable_and_loopback_only(string expectedLine)
    {
        var lines = ClusterConfiguration.Render(Defaults).Split('\n');

        Assert.That(lines, Does.Contain(expectedLine));
    }

    [Test]
    public void Additional_settings_are_appended_quoted()
    {
        var options = new LocalPostgresClusterOptions { ClusterDirectory = "/d" };
        options.AdditionalSettings["log_min_duration_statement"] = "250ms";
        options.AdditionalSettings["application_name"] = "it's";

        var lines = ClusterConfiguration.Render(options).Split('\n');

        Assert.That(lines, Does.Contain("log_min_duration_statement = '250ms'"));
        Assert.That(lines, Does.Contain("application_name = 'it''s'"));
    }

    [Test]
    public void Setting_names_that_could_inject_lines_are_refused()
    {
        var options = new LocalPostgresClusterOptions { ClusterDirectory = "/d" };
        options.AdditionalSettings["fsync = off\nx"] = "1";

        Assert.Throws<ArgumentException>(() => ClusterConfiguration.Render(options));
    }

    [Test]
    public void Include_is_added_once()
    {
        var once = ClusterConfiguration.WithInclude("port = 5432");
        var twice = ClusterConfiguration.WithInclude(once);

        Assert.That(once, Is.EqualTo("port = 5432\ninclude_if_exists = 'centralsystem.conf'\n"));
        Assert.That(twice, Is.EqualTo(once));
        Assert.That(ClusterConfiguration.HasInclude(twice), Is.True);
    }

    [Test]
    public void Relocated_directory_is_stable_and_outside_the_unreachable_folder()
    {
        var first = LocalPostgresCluster.RelocatedDirectory("/root/checkout/.data/postgres");
        var again = LocalPostgresCluster.RelocatedDirectory("/root/checkout/.data/postgres");
        var other = LocalPostgresCluster.RelocatedDirectory("/root/other/.data/postgres");

        Assert.That(first, Is.EqualTo(again));
        Assert.That(first, Is.Not.EqualTo(other));
        Assert.That(first, Does.StartWith("/var/lib/postgresql/centralsystem/"));
    }
}
