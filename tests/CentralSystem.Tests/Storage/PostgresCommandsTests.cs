using CentralSystem.Storage.Provisioning;

namespace CentralSystem.Tests.Storage;

public class PostgresCommandsTests
{
    private static readonly PostgresBinaries Binaries = new("/usr/lib/postgresql/15/bin", "15");

    [Test]
    public void InitDb_sets_superuser_password_auth_utf8_and_checksums()
    {
        var command = new PostgresCommands(Binaries, runAsUser: null, "/usr/sbin/runuser")
            .InitDb("/data/postgres/pgdata", "postgres", "/data/postgres/superuser.password");

        Assert.That(command.FileName, Is.EqualTo("/usr/lib/postgresql/15/bin/initdb"));
        Assert.That(command.Arguments, Is.SupersetOf(new[]
        {
            "--pgdata=/data/postgres/pgdata",
            "--username=postgres",
            "--pwfile=/data/postgres/superuser.password",
            "--auth-local=scram-sha-256",
            "--auth-host=scram-sha-256",
            "--encoding=UTF8",
            "--data-checksums",
        }));
        Assert.That(command.Arguments, Has.None.Contains("trust"));
        Assert.That(command.Arguments, Has.None.EqualTo("--no-sync"), "initdb must fsync: durability is a product promise");
    }

    [Test]
    public void Start_waits_for_ready_and_passes_the_port_to_postgres()
    {
        var command = new PostgresCommands(Binaries, runAsUser: null, "/usr/sbin/runuser")
            .Start("/d/pgdata", "/d/postgres.log", 54321, TimeSpan.FromSeconds(89.2));

        Assert.That(command.FileName, Is.EqualTo("/usr/lib/postgresql/15/bin/pg_ctl"));
        Assert.That(command.Arguments, Is.EqualTo(new[]
        {
            "start", "-w", "-t", "90", "-D", "/d/pgdata", "-l", "/d/postgres.log", "-o", "-p 54321",
        }));
    }

    [Test]
    public void Stop_uses_fast_mode_and_waits()
    {
        var command = new PostgresCommands(Binaries, runAsUser: null, "/usr/sbin/runuser")
            .Stop("/d/pgdata", TimeSpan.FromSeconds(60));

        Assert.That(command.Arguments, Is.EqualTo(new[] { "stop", "-w", "-t", "60", "-D", "/d/pgdata", "-m", "fast" }));
    }

    [Test]
    public void As_root_every_command_runs_through_runuser_as_the_service_user()
    {
        var command = new PostgresCommands(Binaries, runAsUser: "postgres", "/usr/sbin/runuser")
            .Stop("/d/pgdata", TimeSpan.FromSeconds(5));

        Assert.That(command.FileName, Is.EqualTo("/usr/sbin/runuser"));
        Assert.That(command.Arguments.Take(4), Is.EqualTo(new[] { "-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl" }));
        Assert.That(command.Arguments.Skip(4).First(), Is.EqualTo("stop"));
    }

    [Test]
    public void Path_with_spaces_stays_one_argument()
    {
        var command = new PostgresCommands(Binaries, runAsUser: "postgres", "/usr/sbin/runuser")
            .Start("/home/a b/pgdata", "/home/a b/postgres.log", 5432, TimeSpan.FromSeconds(1));

        Assert.That(command.Arguments, Does.Contain("/home/a b/pgdata"));
        Assert.That(command.Arguments, Does.Contain("-t").And.Contain("1"));
    }

    [Test]
    public void Access_probe_passes_the_directory_as_a_positional_argument_not_as_shell_text()
    {
        var command = PostgresCommands.CanWrite("/x/$(rm -rf)/'q'", "postgres", "/usr/sbin/runuser");

        Assert.That(command.Arguments, Is.EqualTo(new[]
        {
            "-u", "postgres", "--", "/bin/sh", "-c", "test -w \"$1\" && test -x \"$1\"", "sh", "/x/$(rm -rf)/'q'",
        }));
    }
}
