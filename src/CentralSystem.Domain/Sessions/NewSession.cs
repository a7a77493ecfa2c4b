namespace CentralSystem.Domain.Sessions;

/// <param name="TransactionId">The charger's id (2.0.1); null for 1.6, where the store assigns the integer id.</param>
public sealed record NewSession(
    string ChargerId,
    string? TransactionId,
    int? EvseId,
    int? ConnectorId,
    string? IdToken,
    DateTimeOffset StartedAt,
    decimal? MeterStartWh,
    string OcppVersion,
    IReadOnlyList<string> Flags);
