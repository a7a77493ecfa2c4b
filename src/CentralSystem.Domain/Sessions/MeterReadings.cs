using CentralSystem.Domain.Metering;

namespace CentralSystem.Domain.Sessions;

/// <summary>Meter samples from MeterValues / transaction data; SessionId is null for values outside a transaction.</summary>
public sealed record MeterReadings(
    string ChargerId,
    int? EvseId,
    int? ConnectorId,
    long? SessionId,
    string? TransactionId,
    IReadOnlyList<MeterSample> Samples,
    DateTimeOffset ReceivedAt);
