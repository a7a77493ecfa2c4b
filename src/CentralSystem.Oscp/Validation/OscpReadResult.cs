using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Validation;

/// <summary>
/// Outcome of reading one OSCP body: the message, or the status code and the <c>{"message": …}</c> text to answer
/// with (digest §7.2: 400 for invalid content, 501 when a Register offers no version we speak).
/// </summary>
public sealed record OscpReadResult
{
    private OscpReadResult(OscpMessage? message, int statusCode, string? error)
    {
        Message = message;
        StatusCode = statusCode;
        Error = error;
    }

    public OscpMessage? Message { get; }

    /// <summary>204 when valid (the endpoint answers No Content), else 400 or 501.</summary>
    public int StatusCode { get; }

    public string? Error { get; }

    public bool IsValid => Message is not null;

    public static OscpReadResult Valid(OscpMessage message) => new(message, 204, null);

    public static OscpReadResult BadRequest(string error) => new(null, 400, error);

    public static OscpReadResult NotImplemented(string error) => new(null, 501, error);
}
