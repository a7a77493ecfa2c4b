namespace CentralSystem.Oscp.Validation;

/// <summary>Internal fail-fast signal of <see cref="OscpMessageReader"/>; never escapes <c>Read</c>.</summary>
public sealed class OscpInvalidMessageException : Exception
{
    public OscpInvalidMessageException()
    {
    }

    public OscpInvalidMessageException(string message)
        : base(message)
    {
    }

    public OscpInvalidMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
