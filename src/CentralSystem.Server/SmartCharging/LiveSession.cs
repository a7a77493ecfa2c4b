namespace CentralSystem.Server.SmartCharging;

/// <summary>A running transaction on one EVSE, as the dispatcher tracks it.</summary>
internal sealed record LiveSession(string TransactionId, DateTimeOffset StartedAt);
