namespace CentralSystem.Storage.Provisioning;

public sealed class LocalPostgresClusterOptions
{
    // Folder that holds everything of the cluster: pgdata/ (PGDATA), postgres.log, the generated
    // superuser password and the last port used. Created if missing.
    public required string ClusterDirectory { get; init; }

    public string DatabaseName { get; init; } = "centralsystem";

    // Null: reuse the port of the previous start when it is free, else any free loopback port.
    public int? Port { get; init; }

    // Null: the newest /usr/lib/postgresql/*/bin (the one matching an existing cluster first), then PATH.
    public string? BinDirectory { get; init; }

    // The OS account PostgreSQL runs as when this process is root (PostgreSQL refuses to run as root).
    public string ServiceUser { get; init; } = "postgres";

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public int MaxConnections { get; init; } = 200;

    public string SharedBuffers { get; init; } = "128MB";

    // Extra postgresql.conf settings for this cluster, e.g. { ["log_min_duration_statement"] = "250ms" }.
    public IDictionary<string, string> AdditionalSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
