using System.Diagnostics;
using System.Globalization;

namespace CentralSystem.Storage.Provisioning;

public sealed partial class LocalPostgresCluster
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    // How long an unreadable postmaster.pid may stay unreadable before we call it garbage: the
    // postmaster creates the file first and fills it in a moment later.
    private static readonly TimeSpan UnreadablePidFileGrace = TimeSpan.FromSeconds(5);

    // The port of a server already running on DataDirectory, waiting while it starts or stops;
    // null when none runs (a stale postmaster.pid is removed on the way).
    private async Task<int?> FindRunningServerAsync(CancellationToken cancellationToken)
    {
        var pidFilePath = Path.Combine(DataDirectory, PostmasterPidFile.FileName);
        var since = _time.GetTimestamp();
        while (true)
        {
            if (!File.Exists(pidFilePath))
            {
                return null;
            }

            var waited = _time.GetElapsedTime(since);
            var pidFile = await PostmasterPidFile.ReadAsync(DataDirectory, cancellationToken);
            if (pidFile is null)
            {
                if (waited > UnreadablePidFileGrace)
                {
                    LogRemovingStalePidFile(pidFilePath, 0);
                    File.Delete(pidFilePath);
                    return null;
                }
            }
            else if (!IsLivePostgresProcess(pidFile.Pid))
            {
                // Left by a server that was killed or by a machine that rebooted. PostgreSQL
                // removes such a file itself only when the PID is free; in a container the PID
                // is often reused by an unrelated process, and then the server would refuse to start.
                LogRemovingStalePidFile(pidFilePath, pidFile.Pid);
                File.Delete(pidFilePath);
                return null;
            }
            else if (pidFile.Status is PostmasterStatus.Ready or PostmasterStatus.Standby && pidFile.Port is int port)
            {
                return port;
            }

            if (waited > _options.StartTimeout)
            {
                throw new PostgresProvisioningException(
                    $"A PostgreSQL server (PID {pidFile?.Pid}) is running on {DataDirectory} but did not become ready within "
                    + $"{_options.StartTimeout.TotalSeconds:0} s (status '{pidFile?.Status}'). See {LogFile}.");
            }

            // Starting (crash recovery can take a while) or stopping: wait for it to settle.
            await Task.Delay(PollInterval, _time, cancellationToken);
        }
    }

    private async Task<PostmasterPidFile?> ReadLivePidFileAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(DataDirectory) && _runAsUser is not null)
        {
            // StopAsync without StartAsync in this process: the cluster may have been relocated.
            var relocated = RelocatedDirectory(Path.GetFullPath(_options.ClusterDirectory));
            if (Directory.Exists(Path.Combine(relocated, DataSubdirectory)))
            {
                ClusterDirectory = relocated;
            }
        }

        var pidFile = await PostmasterPidFile.ReadAsync(DataDirectory, cancellationToken);
        return pidFile is not null && IsLivePostgresProcess(pidFile.Pid) ? pidFile : null;
    }

    internal static bool IsLivePostgresProcess(int pid)
    {
        if (pid <= 0 || pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited
                && process.ProcessName is "postgres" or "postmaster"
                && !IsZombie(pid);
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false; // exited while we looked
        }
    }

    // A postmaster that exited but was not reaped (containers whose PID 1 does not reap orphans)
    // still has a /proc entry with its name; its state letter is Z.
    private static bool IsZombie(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var afterName = stat.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
