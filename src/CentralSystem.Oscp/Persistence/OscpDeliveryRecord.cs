using CentralSystem.Oscp.Http;

namespace CentralSystem.Oscp.Persistence;

/// <summary>One delivery attempt of an outbound message: its outcome, the peer's status code (null without one) and why.</summary>
public sealed record OscpDeliveryRecord(string RequestId, int Attempt, OscpDeliveryOutcome Outcome, int? StatusCode, string? Error, DateTimeOffset At);
