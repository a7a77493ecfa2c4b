using CentralSystem.Domain.Access;
using CentralSystem.Storage.Repositories.Access;

namespace CentralSystem.Server.Caching;

/// <summary>Schedules and identifiers change only through the operator API; decisions read them on every attempt.</summary>
public sealed class CachedAccessDecisionStore(PgAccessDecisionStore inner, OperatorWriteGeneration generation, TimeProvider time) : IAccessDecisionStore
{
    private readonly GenerationCache<string, EffectiveSchedule?> _schedules = new(generation, time, TimeSpan.FromSeconds(60), 50_000);
    private readonly GenerationCache<string, IdentifierMatch?> _identifiers = new(generation, time, TimeSpan.FromSeconds(60), 50_000);

    public Task<EffectiveSchedule?> FindEffectiveScheduleAsync(string chargerId, CancellationToken cancellationToken) =>
        _schedules.GetAsync(chargerId, key => inner.FindEffectiveScheduleAsync(key, cancellationToken));

    public Task<IdentifierMatch?> FindIdentifierAsync(string identifierKey, CancellationToken cancellationToken) =>
        _identifiers.GetAsync(identifierKey, key => inner.FindIdentifierAsync(key, cancellationToken));

    public Task RecordEventAsync(AccessEvent accessEvent, CancellationToken cancellationToken) => inner.RecordEventAsync(accessEvent, cancellationToken);
}
