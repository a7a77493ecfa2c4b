namespace CentralSystem.Server.Oscp;

/// <summary>One durable outbound OSCP message as operators see it: what, when, how many attempts, how it ended.</summary>
public sealed record OscpOutboundSummary(
    string RequestId, string Kind, string? CorrelationId, DateTimeOffset CreatedAt, int Attempts,
    string? Outcome, int? LastStatus, string? LastError, DateTimeOffset? FinishedAt);
