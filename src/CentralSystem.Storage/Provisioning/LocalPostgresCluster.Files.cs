using System.Security.Cryptography;
using System.Text;

namespace CentralSystem.Storage.Provisioning;

public sealed partial class LocalPostgresCluster
{
    private const string LockFileName = "provision.lock";
    private const string RelocationRoot = "/var/lib/postgresql/centralsystem";

    private static readonly string[] RunUserCandidates = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"];

    private async Task<string> PrepareClusterDirectoryAsync(CancellationToken cancellationToken)
    {
        var configured = Path.GetFullPath(_options.ClusterDirectory);
        Directory.CreateDirectory(configured);
        if (_runAsUser is null)
        {
            return configured;
        }

        // Root creates the folder; the service user must own it, because initdb and the server
        // write pgdata/ and postgres.log inside it.
        await ChownAsync(configured, cancellationToken);
        if (await ServiceUserCanWriteAsync(configured, cancellationToken))
        {
            return configured;
        }

        // A checkout under /root (0700) cannot be entered by the postgres account, and chmod'ing
        // someone's home directory is not ours to do. Keep the data where the service user lives,
        // at a path derived from the configured one so every start finds the same cluster again.
        var relocated = RelocatedDirectory(configured);
        LogRelocating(configured, _runAsUser, relocated);
        Directory.CreateDirectory(relocated);
        await ChownAsync(relocated, cancellationToken);
        if (!await ServiceUserCanWriteAsync(relocated, cancellationToken))
        {
            throw new PostgresProvisioningException(
                $"The '{_runAsUser}' account cannot write to {configured} (a parent folder is not searchable for it) nor to {relocated}. "
                + "Choose a data folder it can reach, or configure ConnectionStrings:CentralSystem.");
        }

        await File.WriteAllTextAsync(
            Path.Combine(configured, "RELOCATED.txt"),
            $"The '{_runAsUser}' account cannot reach this folder, so the PostgreSQL cluster lives in {relocated}.\n",
            cancellationToken);
        return relocated;
    }

    internal static string RelocatedDirectory(string configuredDirectory)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configuredDirectory)))[..16];
        return Path.Combine(RelocationRoot, hash);
    }

    // Serialises provisioning of one folder across processes (two servers or test hosts starting
    // at once would otherwise both run initdb). FileShare.None takes an flock on Unix.
    private async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(ClusterDirectory, LockFileName);
        var waitingSince = _time.GetTimestamp();
        var logged = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (_time.GetElapsedTime(waitingSince) < _options.StartTimeout)
            {
                if (!logged)
                {
                    LogWaitingForLock(path);
                    logged = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), _time, cancellationToken);
            }
        }
    }

    private string? ReadDataDirectoryVersion()
    {
        var file = Path.Combine(DataDirectory, "PG_VERSION");
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }

    private async Task<string> ReadPasswordAsync(CancellationToken cancellationToken)
    {
        var file = Path.Combine(ClusterDirectory, PasswordFileName);
        if (!File.Exists(file))
        {
            throw new PostgresProvisioningException(
                $"The cluster in {DataDirectory} exists but its password file {file} is missing, so CentralSystem cannot log in. "
                + $"Move {ClusterDirectory} away to start with an empty database.");
        }

        return (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
    }

    private async Task WriteSecretAsync(string path, string content, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        // UnixCreateMode applies only to new files: start from none so the mode is always 0600.
        File.Delete(path);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await using (var stream = new FileStream(path, options))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            await writer.WriteAsync(content.AsMemory(), cancellationToken);
        }

        if (_runAsUser is not null)
        {
            // initdb --pwfile reads it as the service user.
            await ChownAsync(path, cancellationToken);
        }
    }

    private async Task WriteConfigurationAsync(CancellationToken cancellationToken)
    {
        var include = Path.Combine(DataDirectory, ClusterConfiguration.FileName);
        await File.WriteAllTextAsync(include, ClusterConfiguration.Render(_options), cancellationToken);
        if (_runAsUser is not null)
        {
            await ChownAsync(include, cancellationToken);
        }

        var mainConf = Path.Combine(DataDirectory, "postgresql.conf");
        var text = await File.ReadAllTextAsync(mainConf, cancellationToken);
        if (!ClusterConfiguration.HasInclude(text))
        {
            // Appending keeps the owner (the service user) and mode of postgresql.conf.
            await File.AppendAllTextAsync(mainConf, ClusterConfiguration.WithInclude(text)[text.Length..], cancellationToken);
        }
    }

    private async Task<string> ReadLogSinceAsync(long offset, CancellationToken cancellationToken)
    {
        if (!File.Exists(LogFile))
        {
            return "(no server log written)";
        }

        await using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(cancellationToken);
        const int MaxChars = 4000;
        return text.Length > MaxChars ? "..." + text[^MaxChars..] : text;
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    private async Task ChownAsync(string path, CancellationToken cancellationToken)
    {
        // "user:" = the user and its login group.
        var result = await ProcessRunner.RunAsync(
            new CommandLine("chown", [$"{_runAsUser}:", path]), workingDirectory: null, cancellationToken);
        if (!result.Succeeded)
        {
            throw new PostgresProvisioningException($"chown {_runAsUser}: {path} failed: {result.Output}");
        }
    }

    private async Task<bool> ServiceUserCanWriteAsync(string directory, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(
            PostgresCommands.CanWrite(directory, _runAsUser, RunUserPath()), workingDirectory: null, cancellationToken);
        return result.Succeeded;
    }

    private static async Task EnsureServiceUserExistsAsync(string user, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(new CommandLine("id", ["-u", user]), workingDirectory: null, cancellationToken);
        if (!result.Succeeded)
        {
            throw new PostgresNotInstalledException(
                $"This process runs as root, and PostgreSQL refuses to run as root, but the '{user}' account it would run as does not exist. "
                + PostgresNotInstalledException.InstallHint);
        }
    }

    private static string RunUserPath() => RunUserCandidates.FirstOrDefault(File.Exists) ?? "runuser";

    private Task<ProcessResult> RunAsync(CommandLine command, CancellationToken cancellationToken)
    {
        LogRunning(command.ToString());
        return ProcessRunner.RunAsync(command, ClusterDirectory, cancellationToken);
    }
}
