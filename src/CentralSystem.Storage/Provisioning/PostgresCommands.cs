using System.Globalization;

namespace CentralSystem.Storage.Provisioning;

// Builds the initdb / pg_ctl command lines. PostgreSQL refuses to run as root, so when this
// process is root every command is wrapped in `runuser -u <serviceUser> --`; the data folder
// is chowned to that user beforehand (see LocalPostgresCluster).
internal sealed class PostgresCommands(PostgresBinaries binaries, string? runAsUser, string runUserPath)
{
    public CommandLine InitDb(string dataDirectory, string superUser, string passwordFile) => Wrap(new CommandLine(
        binaries.InitDb,
        [
            $"--pgdata={dataDirectory}",
            $"--username={superUser}",
            $"--pwfile={passwordFile}",
            // Password (SCRAM) on every connection type: see LocalPostgresCluster for why not trust.
            "--auth-local=scram-sha-256",
            "--auth-host=scram-sha-256",
            "--encoding=UTF8",
            // C collation: byte order, the same on every machine, and no dependency on which
            // OS locales happen to be generated. Nothing in the schema relies on linguistic sorting.
            "--locale=C",
            "--data-checksums",
            "--no-instructions",
        ]));

    // -w waits until postmaster.pid says "ready" (no connection attempt is needed, which matters
    // because the cluster has no unix socket). The port goes on the postgres command line rather
    // than into a config file, so that a port picked for this start never outlives it by accident.
    public CommandLine Start(string dataDirectory, string logFile, int port, TimeSpan timeout) => Wrap(new CommandLine(
        binaries.PgCtl,
        [
            "start",
            "-w",
            "-t", Seconds(timeout),
            "-D", dataDirectory,
            "-l", logFile,
            "-o", $"-p {port.ToString(CultureInfo.InvariantCulture)}",
        ]));

    // Fast mode: roll back open transactions and shut down cleanly (a checkpoint is written), so the
    // next start needs no crash recovery. Smart mode would wait for pooled connections forever.
    public CommandLine Stop(string dataDirectory, TimeSpan timeout) => Wrap(new CommandLine(
        binaries.PgCtl,
        ["stop", "-w", "-t", Seconds(timeout), "-D", dataDirectory, "-m", "fast"]));

    // access(2) as the service user: fails when any parent directory is not searchable for it
    // (a checkout under /root, which is 0700, is the usual case).
    public static CommandLine CanWrite(string directory, string? runAsUser, string runUserPath) => Wrap(
        new CommandLine("/bin/sh", ["-c", "test -w \"$1\" && test -x \"$1\"", "sh", directory]),
        runAsUser,
        runUserPath);

    internal static CommandLine Wrap(CommandLine command, string? runAsUser, string runUserPath) => runAsUser is null
        ? command
        : new CommandLine(runUserPath, ["-u", runAsUser, "--", command.FileName, .. command.Arguments]);

    private CommandLine Wrap(CommandLine command) => Wrap(command, runAsUser, runUserPath);

    private static string Seconds(TimeSpan timeout) =>
        Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
