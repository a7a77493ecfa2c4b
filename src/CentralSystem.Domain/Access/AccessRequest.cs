namespace CentralSystem.Domain.Access;

/// <param name="IdentifierType">As the charger or operator gave it (2.0.1 IdTokenEnumType, or null for a 1.6 idTag).</param>
/// <param name="Protocol">"1.6", "2.0.1" or "api".</param>
/// <param name="Record">False for messages that only repeat an earlier decision (e.g. a TransactionEvent Ended with its idToken).</param>
public sealed record AccessRequest(
    string ChargerId,
    int? EvseId,
    int? ConnectorId,
    string Identifier,
    string? IdentifierType,
    string Protocol,
    AccessTrigger Trigger,
    bool Record = true);
