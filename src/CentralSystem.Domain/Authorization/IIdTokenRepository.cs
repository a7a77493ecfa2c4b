namespace CentralSystem.Domain.Authorization;

public interface IIdTokenRepository
{
    Task<IdTokenRecord?> FindAsync(string idToken, CancellationToken cancellationToken);

    Task UpsertAsync(IdTokenRecord token, CancellationToken cancellationToken);

    Task<IReadOnlyList<IdTokenRecord>> ListAsync(CancellationToken cancellationToken);
}
