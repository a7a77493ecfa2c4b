using CentralSystem.Domain.Authorization;
using CentralSystem.Storage.Repositories;

namespace CentralSystem.Server.Caching;

/// <summary>Authorize/Start/Stop look tokens up on every attempt; the table changes only through the operator API.</summary>
public sealed class CachedIdTokenRepository(PgIdTokenRepository inner, OperatorWriteGeneration generation, TimeProvider time) : IIdTokenRepository
{
    private readonly GenerationCache<string, IdTokenRecord?> _cache = new(generation, time, TimeSpan.FromSeconds(60), 50_000);

    public Task<IdTokenRecord?> FindAsync(string idToken, CancellationToken cancellationToken) =>
        _cache.GetAsync(idToken, key => inner.FindAsync(key, cancellationToken));

    public async Task UpsertAsync(IdTokenRecord token, CancellationToken cancellationToken)
    {
        await inner.UpsertAsync(token, cancellationToken);
        generation.Bump();
    }

    public Task<IReadOnlyList<IdTokenRecord>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);
}
