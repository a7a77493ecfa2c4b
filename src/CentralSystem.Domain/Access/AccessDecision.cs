using CentralSystem.Domain.Authorization;

namespace CentralSystem.Domain.Access;

/// <summary>
/// The answer for one attempt. <see cref="Token"/> is the id-token list's view (expiry, group); <see cref="Verdict"/>
/// is final. <see cref="CacheExpiresAt"/> bounds how long a charger may cache an Accepted answer: a Freevend "yes"
/// must not outlive the switch to Managed.
/// </summary>
public sealed record AccessDecision(
    AccessVerdict Verdict,
    AuthorizationDecision Token,
    AccessModeResolution? Mode,
    DateTimeOffset? CacheExpiresAt,
    string? PersonalMessage,
    IdentifierMatch? Match)
{
    public bool Allowed => Verdict.Allowed;

    public IdTokenStatus Status => Verdict.Status;

    public bool DeniedByAccessRules => Verdict.DeniedByAccessRules;

    public static AccessDecision Unscheduled(AuthorizationDecision token, IdentifierMatch? match) =>
        new(AccessPolicy.Decide(null, token, match, "", null, default), token, null, token.ExpiresAt, null, match);
}
