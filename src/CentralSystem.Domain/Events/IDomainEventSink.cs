namespace CentralSystem.Domain.Events;

/// <summary>Where domain services publish events. Must return at once and never throw: it sits on the charger's message path.</summary>
public interface IDomainEventSink
{
    void Publish(DomainEvent domainEvent);
}
