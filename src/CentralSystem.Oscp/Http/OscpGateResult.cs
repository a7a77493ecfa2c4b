using CentralSystem.Oscp.Registration;

namespace CentralSystem.Oscp.Http;

/// <summary>Outcome of the header checks: the authenticated peer and request id, or a status code with a <c>{"message"}</c> text.</summary>
public sealed record OscpGateResult(OscpPeerCredential? Peer, string? RequestId, int StatusCode, string? Error)
{
    public bool Passed => Peer is not null;

    public static OscpGateResult Fail(int statusCode, string error) => new(null, null, statusCode, error);
}
