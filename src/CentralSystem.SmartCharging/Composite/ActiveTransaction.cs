namespace CentralSystem.SmartCharging.Composite;

/// <summary>A transaction running on an EVSE: relative profiles start at <see cref="StartedAt"/>.</summary>
public sealed record ActiveTransaction(int EvseId, string TransactionId, DateTimeOffset StartedAt);
