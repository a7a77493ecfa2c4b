namespace CentralSystem.Storage.Migrations;

public sealed class MigrationFailedException : Exception
{
    public MigrationFailedException()
    {
    }

    public MigrationFailedException(string message)
        : base(message)
    {
    }

    public MigrationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MigrationFailedException(string version, string message, Exception innerException)
        : base(message, innerException)
    {
        Version = version;
    }

    public string? Version { get; }
}
