using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Http;

/// <summary>
/// A request we owe a peer, sent after our 204 by the outbound queue (digest §1: replies are separate requests).
/// <see cref="CorrelationId"/> is the X-Request-ID being answered; <see cref="RequestId"/> is our own X-Request-ID,
/// fixed at creation so every retry carries the same one and the peer can recognise duplicates.
/// </summary>
public sealed record OscpOutboundMessage(string PeerId, OscpMessageKind Kind, OscpMessage Body, string? CorrelationId)
{
    public string RequestId { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>Set on our Register reply: its 204 completes the registration and revokes the older tokens.</summary>
    public bool CompletesRegistration { get; init; }

    /// <summary>
    /// Persisted before it is queued and resent after a restart. Heartbeats and measurements are not: a stale one is
    /// worthless and the next period brings a fresh one.
    /// </summary>
    public bool Durable { get; init; } = true;
}
