using System.Globalization;

namespace CentralSystem.Storage.Provisioning;

// Where initdb, pg_ctl and postgres live. Version is the Debian layout's directory name
// ("15", "9.6"), which is also what a data directory's PG_VERSION file holds; null when the
// binaries came from PATH or an explicit directory and we did not ask them.
internal sealed record PostgresBinaries(string BinDirectory, string? Version)
{
    internal const string DebianRoot = "/usr/lib/postgresql";

    private static readonly string[] RequiredTools = ["initdb", "pg_ctl", "postgres"];

    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    public static PostgresBinaries Locate(string? configuredBinDirectory, string? preferredVersion)
    {
        if (!string.IsNullOrWhiteSpace(configuredBinDirectory))
        {
            return HasTools(configuredBinDirectory)
                ? new PostgresBinaries(configuredBinDirectory, null)
                : throw new PostgresNotInstalledException(
                    $"The configured PostgreSQL bin directory '{configuredBinDirectory}' does not contain initdb, pg_ctl and postgres. "
                    + PostgresNotInstalledException.InstallHint);
        }

        var versioned = Directory.Exists(DebianRoot)
            ? SelectVersioned(Directory.EnumerateDirectories(DebianRoot), preferredVersion, HasTools)
            : null;
        if (versioned is not null)
        {
            return versioned;
        }

        var fromPath = FindOnPath(Environment.GetEnvironmentVariable("PATH"), HasTools);
        return fromPath is not null
            ? new PostgresBinaries(fromPath, null)
            : throw new PostgresNotInstalledException();
    }

    // Debian installs each major version side by side (/usr/lib/postgresql/15/bin, /16/bin ...).
    // An existing cluster can only be started by its own major version, so that one wins;
    // otherwise the newest installed version is used for a new cluster.
    internal static PostgresBinaries? SelectVersioned(
        IEnumerable<string> versionDirectories, string? preferredVersion, Func<string, bool> hasTools)
    {
        var candidates = versionDirectories
            .Select(dir => (Dir: dir, Name: Path.GetFileName(dir.TrimEnd(Path.DirectorySeparatorChar)), Key: ParseVersion(Path.GetFileName(dir.TrimEnd(Path.DirectorySeparatorChar)))))
            .Where(c => c.Key is not null && hasTools(Path.Combine(c.Dir, "bin")))
            .OrderByDescending(c => c.Key!.Value.Major)
            .ThenByDescending(c => c.Key!.Value.Minor)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var chosen = candidates.FirstOrDefault(c => string.Equals(c.Name, preferredVersion, StringComparison.Ordinal));
        if (chosen.Dir is null)
        {
            chosen = candidates[0];
        }

        return new PostgresBinaries(Path.Combine(chosen.Dir, "bin"), chosen.Name);
    }

    internal static string? FindOnPath(string? pathVariable, Func<string, bool> hasTools)
    {
        if (string.IsNullOrEmpty(pathVariable))
        {
            return null;
        }

        return pathVariable
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ResolveLinkedDirectory)
            .FirstOrDefault(hasTools);
    }

    internal static (int Major, int Minor)? ParseVersion(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var parts = name.Split('.');
        if (parts.Length > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return null;
        }

        var minor = 0;
        if (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minor))
        {
            return null;
        }

        return (major, minor);
    }

    // /usr/local/bin/pg_ctl is often a symlink into the real bin directory, where initdb's
    // share files are found relative to the binary; follow pg_ctl's link so every tool comes
    // from the same installation.
    private static string ResolveLinkedDirectory(string directory)
    {
        try
        {
            var pgCtl = new FileInfo(Path.Combine(directory, "pg_ctl"));
            var target = pgCtl.Exists ? pgCtl.ResolveLinkTarget(returnFinalTarget: true) : null;
            return target is null ? directory : Path.GetDirectoryName(target.FullName) ?? directory;
        }
        catch (IOException)
        {
            return directory;
        }
        catch (UnauthorizedAccessException)
        {
            return directory;
        }
    }

    private static bool HasTools(string binDirectory) =>
        RequiredTools.All(tool => File.Exists(Path.Combine(binDirectory, tool)));
}
