using CentralSystem.Domain.Authorization;

namespace CentralSystem.Domain.Access;

/// <param name="Status">What the charger is told, protocol-neutral.</param>
/// <param name="DeniedByAccessRules">True for an access-control denial (1.6 Invalid, 2.0.1 NotAtThisTime), as
/// opposed to a token the id-token list blocks.</param>
public sealed record AccessVerdict(bool Allowed, IdTokenStatus Status, bool DeniedByAccessRules, AccessReason Reason, AccessClass Class);
