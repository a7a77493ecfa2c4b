namespace CentralSystem.Storage.Repositories.SmartCharging;

/// <summary>The last charging profile sent to one target (charger + EVSE, 0 = the charger) and how the charger answered.</summary>
public sealed record DispatchedProfileRecord(
    string ChargerId,
    int EvseId,
    string Purpose,
    string? SiteId,
    int ProfileId,
    double LimitValue,
    string Unit,
    string Payload,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset SentAt);
