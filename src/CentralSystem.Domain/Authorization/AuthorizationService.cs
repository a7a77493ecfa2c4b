namespace CentralSystem.Domain.Authorization;

public sealed class AuthorizationService(IIdTokenRepository tokens)
{
    public async Task<AuthorizationDecision> AuthorizeAsync(string idToken, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = await tokens.FindAsync(idToken, cancellationToken);
        return IdTokenPolicy.Decide(record, now);
    }
}
