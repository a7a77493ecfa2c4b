using System.Globalization;

namespace CentralSystem.Storage.Provisioning;

// postmaster.pid, as PostgreSQL writes it (src/include/utils/pidfile.h):
//   1 PID, 2 data directory, 3 start time (epoch seconds), 4 port, 5 first unix socket directory,
//   6 first listen address, 7 shared memory key and id, 8 status ("starting", "ready", ...).
// The postmaster fills the file in while it starts, so every line after the PID may be missing.
internal sealed record PostmasterPidFile(
    int Pid,
    string? DataDirectory,
    long? StartTimeEpochSeconds,
    int? Port,
    string? SocketDirectory,
    string? ListenAddress,
    PostmasterStatus Status)
{
    public const string FileName = "postmaster.pid";

    public static PostmasterPidFile? Parse(string content)
    {
        var lines = content.Split('\n');
        // A standalone backend (postgres --single) writes a negative PID; it is not a server we can use.
        if (lines.Length == 0
            || !int.TryParse(lines[0].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var pid)
            || pid <= 0)
        {
            return null;
        }

        return new PostmasterPidFile(
            pid,
            NullIfEmpty(Line(lines, 1)),
            long.TryParse(Line(lines, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : null,
            int.TryParse(Line(lines, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null,
            NullIfEmpty(Line(lines, 4)),
            NullIfEmpty(Line(lines, 5)),
            ParseStatus(Line(lines, 7)));
    }

    public static async Task<PostmasterPidFile?> ReadAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        try
        {
            var content = await File.ReadAllTextAsync(Path.Combine(dataDirectory, FileName), cancellationToken);
            return Parse(content);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    internal static PostmasterStatus ParseStatus(string? status) => status switch
    {
        "starting" => PostmasterStatus.Starting,
        "stopping" => PostmasterStatus.Stopping,
        "ready" => PostmasterStatus.Ready,
        "standby" => PostmasterStatus.Standby,
        _ => PostmasterStatus.Unknown,
    };

    private static string? Line(string[] lines, int index) =>
        index < lines.Length ? lines[index].Trim() : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
