using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CentralSystem.Storage.Provisioning;

// The settings the private local cluster runs with. They live in their own file, included at the
// end of postgresql.conf, and are rewritten on every start so that a newer CentralSystem can
// change them. postgresql.auto.conf (ALTER SYSTEM) still wins, for anyone who needs to tune by hand.
internal static partial class ClusterConfiguration
{
    public const string FileName = "centralsystem.conf";

    private const string IncludeLine = "include_if_exists = '" + FileName + "'";

    public static string Render(LocalPostgresClusterOptions options)
    {
        var settings = new List<KeyValuePair<string, string>>
        {
            // Loopback TCP only: nothing on the network can reach a development database, and
            // no unix socket means no socket-path length limit and nothing to clean up in /tmp.
            new("listen_addresses", Quote("127.0.0.1")),
            new("unix_socket_directories", Quote(string.Empty)),
            // One Npgsql pool per server process (default max 100) plus test hosts and tools.
            new("max_connections", Number(options.MaxConnections)),
            new("shared_buffers", Quote(options.SharedBuffers)),
            new("work_mem", Quote("8MB")),
            new("maintenance_work_mem", Quote("64MB")),
            // Durability is a product promise, also on a developer's cluster: a committed
            // transaction survives a crash. Never turn these off to make tests faster.
            new("fsync", "on"),
            new("synchronous_commit", "on"),
            new("full_page_writes", "on"),
            new("password_encryption", Quote("scram-sha-256")),
            // OCPP timestamps are UTC; keep the server's own rendering of timestamptz in UTC too.
            new("timezone", Quote("UTC")),
            new("log_timezone", Quote("UTC")),
            new("log_line_prefix", Quote("%m [%p] %q%u@%d ")),
        };

        foreach (var (name, value) in options.AdditionalSettings)
        {
            if (!SettingName().IsMatch(name))
            {
                throw new ArgumentException($"'{name}' is not a valid PostgreSQL setting name.", nameof(options));
            }

            settings.Add(new(name, Quote(value)));
        }

        var text = new StringBuilder()
            .Append("# Written by CentralSystem on every start of its private local cluster; edits are overwritten.\n")
            .Append("# Use ALTER SYSTEM (postgresql.auto.conf) for local tuning.\n");
        foreach (var (name, value) in settings)
        {
            text.Append(name).Append(" = ").Append(value).Append('\n');
        }

        return text.ToString();
    }

    public static bool HasInclude(string postgresqlConf) =>
        postgresqlConf.Split('\n').Any(line => string.Equals(line.Trim(), IncludeLine, StringComparison.Ordinal));

    public static string WithInclude(string postgresqlConf) =>
        HasInclude(postgresqlConf)
            ? postgresqlConf
            : postgresqlConf + (postgresqlConf.EndsWith('\n') ? string.Empty : "\n") + IncludeLine + "\n";

    internal static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z_][a-z0-9_.]*$")]
    private static partial Regex SettingName();
}
