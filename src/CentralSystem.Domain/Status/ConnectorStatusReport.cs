namespace CentralSystem.Domain.Status;

/// <param name="EvseId">2.0.1 EVSE id; for 1.6 the connector id (1.6 has one connector per EVSE), 0 for the charger.</param>
/// <param name="ReportedAt">The charger's timestamp (may be old for offline-queued messages).</param>
public sealed record ConnectorStatusReport(
    string ChargerId,
    int EvseId,
    int ConnectorId,
    string Status,
    string? ErrorCode,
    string? Info,
    string? VendorErrorCode,
    DateTimeOffset ReportedAt,
    DateTimeOffset ReceivedAt);
