using CentralSystem.Storage.Provisioning;

namespace CentralSystem.Tests.Storage;

public class PostmasterPidFileTests
{
    // As written by PostgreSQL 15 for a cluster listening on TCP only (empty socket directory line).
    private const string ReadyFile = "12345\n/tmp/csms/postgres/pgdata\n1732200000\n54321\n\n127.0.0.1\n  5432001    32768\nready   \n";

    [Test]
    public void Ready_file_is_parsed_line_by_line()
    {
        var file = PostmasterPidFile.Parse(ReadyFile);

        Assert.That(file, Is.EqualTo(new PostmasterPidFile(
            12345, "/tmp/csms/postgres/pgdata", 1732200000, 54321, null, "127.0.0.1", PostmasterStatus.Ready)));
    }

    [Test]
    public void File_still_being_written_has_only_what_is_there()
    {
        var file = PostmasterPidFile.Parse("777\n/data\n");

        Assert.That(file, Is.Not.Null);
        Assert.That(file!.Pid, Is.EqualTo(777));
        Assert.That(file.Port, Is.Null);
        Assert.That(file.Status, Is.EqualTo(PostmasterStatus.Unknown));
    }

    // Expected status by name: PostmasterStatus is internal and cannot appear in a public test signature.
    [TestCase("starting", "Starting")]
    [TestCase("stopping", "Stopping")]
    [TestCase("ready   ", "Ready")]
    [TestCase("standby ", "Standby")]
    [TestCase("", "Unknown")]
    public void Status_line_is_read_with_its_padding(string statusLine, string expected)
    {
        var file = PostmasterPidFile.Parse($"1\n/d\n1\n5432\n\n*\n 1 2\n{statusLine}\n");

        Assert.That(file!.Status.ToString(), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("\n")]
    [TestCase("not-a-pid\n/data\n")]
    [TestCase("-4242\n/data\n")] // a standalone backend (postgres --single) writes a negative PID
    [TestCase("0\n")]
    public void Unusable_file_parses_to_null(string content)
    {
        Assert.That(PostmasterPidFile.Parse(content), Is.Null);
    }

    [Test]
    public void Windows_line_endings_are_tolerated()
    {
        var file = PostmasterPidFile.Parse(ReadyFile.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.That(file!.Port, Is.EqualTo(54321));
        Assert.That(file.Status, Is.EqualTo(PostmasterStatus.Ready));
    }
}
