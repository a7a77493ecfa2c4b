namespace CentralSystem.Domain.Access;

/// <summary>Why an attempt was allowed or denied; stored with every access decision event.</summary>
public enum AccessReason
{
    /// <summary>The charger has no access schedule: the id-token list alone decides (spine behaviour).</summary>
    NoAccessSchedule,
    Freevend,
    OwnVehicle,
    AgreementVehicle,
    UnknownIdentifier,
    AgreementNotYetValid,
    AgreementExpired,
    AgreementOutOfScope,

    /// <summary>The id-token list blocks the identifier (Blocked / Expired / Invalid) in every mode.</summary>
    IdTokenStatus,
}
