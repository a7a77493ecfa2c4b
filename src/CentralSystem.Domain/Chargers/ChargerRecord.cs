namespace CentralSystem.Domain.Chargers;

/// <param name="Password">Null for a charger that registered itself while unknown chargers were allowed.</param>
/// <param name="LogFrames">Null: the server default applies.</param>
public sealed record ChargerRecord(
    string Id,
    ChargerPassword? Password,
    ChargerRegistrationStatus Status,
    bool LenientValidation,
    bool? LogFrames,
    ChargerIdentity? Identity,
    string? OcppVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastBootAt,
    DateTimeOffset? LastSeenAt);
