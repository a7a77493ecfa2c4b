using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Http;

/// <summary>
/// A request we owe a peer, sent after our 204 by the outbound queue (digest §1: replies are separate requests).
/// <see cref="CorrelationId"/> is the X-Request-ID being answered.
/// </summary>
public sealed record OscpOutboundMessage(string PeerId, OscpMessageKind Kind, OscpMessage Body, string? CorrelationId)
{
    /// <summary>Set on our Register reply: its 204 completes the registration and revokes the older tokens.</summary>
    public bool CompletesRegistration { get; init; }
}
