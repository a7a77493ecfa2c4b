namespace CentralSystem.Domain.Sessions;

/// <summary>What a charger said when a transaction ended (1.6 StopTransaction, 2.0.1 TransactionEvent Ended).</summary>
public sealed record SessionStopReport(DateTimeOffset StoppedAt, decimal? MeterStopWh, string? Reason, string? IdToken);
