namespace CentralSystem.Ocpp.Schemas;

// Thrown at start-up when a bundle uses a keyword or form this validator does not implement:
// silently ignoring it would accept payloads the official schema rejects.
public sealed class SchemaCompilationException : Exception
{
    public SchemaCompilationException()
    {
    }

    public SchemaCompilationException(string message)
        : base(message)
    {
    }

    public SchemaCompilationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
