namespace CentralSystem.Domain.Access;

/// <summary>One access decision, as persisted and queried. Denials are access events, never faults or incidents.</summary>
public sealed record AccessEvent(
    DateTimeOffset OccurredAt,
    string ChargerId,
    int? EvseId,
    int? ConnectorId,
    string Identifier,
    string? IdentifierType,
    AccessClass Class,
    bool Allowed,
    AccessReason Reason,
    AccessMode? Mode,
    string? Rule,
    string Protocol,
    AccessTrigger Trigger,
    string? VehicleId,
    string? AgreementId);
