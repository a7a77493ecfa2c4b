namespace CentralSystem.Domain.Authorization;

/// <summary>Decides what the CSMS answers for an idToken, given what the token table holds.</summary>
public static class IdTokenPolicy
{
    public static AuthorizationDecision Decide(IdTokenRecord? record, DateTimeOffset now)
    {
        if (record is null)
        {
            return new AuthorizationDecision(IdTokenStatus.Unknown, null, null);
        }

        // A token past its expiry is Expired whatever the stored status says, so operators need not sweep the table.
        if (record.Status == IdTokenStatus.Accepted && record.ExpiresAt is { } expiry && expiry <= now)
        {
            return new AuthorizationDecision(IdTokenStatus.Expired, expiry, record.GroupIdToken);
        }

        return new AuthorizationDecision(record.Status, record.ExpiresAt, record.GroupIdToken);
    }
}
