namespace CentralSystem.Domain.Sessions;

/// <summary>
/// One charging session, whatever the protocol: a 1.6 Start/StopTransaction pair (TransactionId is the integer the
/// CSMS assigned, as text) or a 2.0.1 TransactionEvent sequence (TransactionId chosen by the charger).
/// </summary>
public sealed record ChargingSession(
    long Id,
    string ChargerId,
    string TransactionId,
    int? EvseId,
    int? ConnectorId,
    string? IdToken,
    DateTimeOffset StartedAt,
    decimal? MeterStartWh,
    decimal? FirstMeterWh,
    decimal? LastMeterWh,
    DateTimeOffset? StoppedAt,
    decimal? MeterStopWh,
    decimal? EnergyWh,
    string? StopReason,
    SessionStatus Status,
    IReadOnlyList<string> Flags);
