using System.Collections.Concurrent;
using CentralSystem.Domain.Events;
using CentralSystem.Server.Events;

namespace CentralSystem.Server.Commands;

/// <summary>
/// Links a remote start to the session it causes: a pending entry per (charger, id token) is completed by the
/// <see cref="SessionStarted"/> event. Entries are kept for polling for <see cref="Retention"/>.
/// </summary>
public sealed class RemoteStartTracker(TimeProvider time) : IDomainEventSubscriber
{
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, PendingRemoteStart> _byCorrelation = new();

    public PendingRemoteStart Register(string chargerId, string idToken)
    {
        var now = time.GetUtcNow();
        foreach (var (key, old) in _byCorrelation)
        {
            if (now - old.CreatedAt > Retention)
            {
                _byCorrelation.TryRemove(key, out _);
            }
        }

        var pending = new PendingRemoteStart(Guid.NewGuid().ToString("N"), chargerId, idToken, now);
        _byCorrelation[pending.CorrelationId] = pending;
        return pending;
    }

    public void Forget(PendingRemoteStart pending) => _byCorrelation.TryRemove(pending.CorrelationId, out _);

    public PendingRemoteStart? Find(string correlationId) => _byCorrelation.GetValueOrDefault(correlationId);

    public ValueTask HandleAsync(IReadOnlyList<DomainEvent> batch, CancellationToken cancellationToken)
    {
        if (_byCorrelation.IsEmpty)
        {
            return ValueTask.CompletedTask;
        }

        foreach (var started in batch.OfType<SessionStarted>())
        {
            // The oldest open request for this charger and token wins.
            var match = _byCorrelation.Values
                .Where(p => !p.Session.Task.IsCompleted && p.ChargerId == started.ChargerId
                    && string.Equals(p.IdToken, started.Session.IdToken, StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => p.CreatedAt)
                .FirstOrDefault();
            if (match is not null)
            {
                match.Started = (started.Session.Id, started.Session.TransactionId);
                match.Session.TrySetResult(match.Started.Value);
            }
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class PendingRemoteStart(string correlationId, string chargerId, string idToken, DateTimeOffset createdAt)
{
    public string CorrelationId { get; } = correlationId;

    public string ChargerId { get; } = chargerId;

    public string IdToken { get; } = idToken;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string Status { get; set; } = "Sent";

    public (long SessionId, string TransactionId)? Started { get; set; }

    public TaskCompletionSource<(long SessionId, string TransactionId)> Session { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
