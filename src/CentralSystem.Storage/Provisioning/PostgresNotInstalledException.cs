namespace CentralSystem.Storage.Provisioning;

public sealed class PostgresNotInstalledException : PostgresProvisioningException
{
    public const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found in /usr/lib/postgresql/*/bin or on PATH. "
        + "Install them with 'apt-get install -y postgresql' (src/run.sh and tests/run.sh do this for you), "
        + "or configure ConnectionStrings:CentralSystem to use an existing server.";

    public PostgresNotInstalledException()
        : base(InstallHint)
    {
    }

    public PostgresNotInstalledException(string message)
        : base(message)
    {
    }

    public PostgresNotInstalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
