using CentralSystem.Domain.Authorization;

namespace CentralSystem.Domain.Access;

/// <summary>The access decision rules, in one place and pure.</summary>
public static class AccessPolicy
{
    /// <param name="mode">Null when the charger has no access schedule.</param>
    /// <param name="token">What the id-token list says about the identifier.</param>
    public static AccessVerdict Decide(
        AccessModeResolution? mode, AuthorizationDecision token, IdentifierMatch? match, string chargerId, string? siteId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        var cls = match?.Class ?? AccessClass.Unknown;

        // An identifier the operator blocked in the id-token list stays blocked whatever the schedule says.
        if (token.Status is IdTokenStatus.Blocked or IdTokenStatus.Expired or IdTokenStatus.Invalid)
        {
            return new AccessVerdict(false, token.Status, false, AccessReason.IdTokenStatus, cls);
        }

        if (mode is null)
        {
            return new AccessVerdict(token.Status == IdTokenStatus.Accepted, token.Status, false, AccessReason.NoAccessSchedule, cls);
        }

        if (mode.Mode == AccessMode.Freevend)
        {
            return new AccessVerdict(true, IdTokenStatus.Accepted, false, AccessReason.Freevend, cls);
        }

        return match switch
        {
            null => Denied(AccessReason.UnknownIdentifier, AccessClass.Unknown),
            { Class: AccessClass.Own } => new AccessVerdict(true, IdTokenStatus.Accepted, false, AccessReason.OwnVehicle, cls),
            { Class: AccessClass.Agreement, Agreement: { } agreement } => DecideAgreement(agreement, chargerId, siteId, now),

            // An Agreement vehicle whose agreement is gone is nobody's vehicle.
            _ => Denied(AccessReason.UnknownIdentifier, AccessClass.Unknown),
        };
    }

    private static AccessVerdict DecideAgreement(Agreement agreement, string chargerId, string? siteId, DateTimeOffset now)
    {
        if (agreement.ValidFrom is { } from && now < from)
        {
            return Denied(AccessReason.AgreementNotYetValid, AccessClass.Agreement);
        }

        if (agreement.ValidTo is { } to && now >= to)
        {
            return Denied(AccessReason.AgreementExpired, AccessClass.Agreement);
        }

        return agreement.Covers(chargerId, siteId)
            ? new AccessVerdict(true, IdTokenStatus.Accepted, false, AccessReason.AgreementVehicle, AccessClass.Agreement)
            : Denied(AccessReason.AgreementOutOfScope, AccessClass.Agreement);
    }

    private static AccessVerdict Denied(AccessReason reason, AccessClass cls) =>
        new(false, IdTokenStatus.Invalid, true, reason, cls);
}
