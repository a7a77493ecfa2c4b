using CentralSystem.Domain.Metering;

namespace CentralSystem.Domain.Sessions;

/// <summary>A 2.0.1 TransactionEvent, protocol-neutral.</summary>
public sealed record TransactionEventReport(
    string ChargerId,
    string TransactionId,
    TransactionEventKind Kind,
    DateTimeOffset Timestamp,
    int SeqNo,
    string TriggerReason,
    string? IdToken,
    int? EvseId,
    int? ConnectorId,
    string? StoppedReason,
    IReadOnlyList<MeterSample> Samples,
    string PayloadJson,
    DateTimeOffset ReceivedAt);
