using CentralSystem.Domain.Events;

namespace CentralSystem.Server.Events;

/// <summary>Receives domain events in batches (whatever queued since its last batch), on its own loop.</summary>
public interface IDomainEventSubscriber
{
    ValueTask HandleAsync(IReadOnlyList<DomainEvent> batch, CancellationToken cancellationToken);
}
