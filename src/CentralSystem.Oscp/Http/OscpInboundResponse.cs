namespace CentralSystem.Oscp.Http;

/// <summary>204 with no body, or a status with the digest's <c>{"message": …}</c> error text.</summary>
public sealed record OscpInboundResponse(int StatusCode, string? Message)
{
    public static OscpInboundResponse NoContent { get; } = new(204, null);
}
