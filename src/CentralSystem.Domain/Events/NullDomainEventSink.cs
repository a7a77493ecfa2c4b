namespace CentralSystem.Domain.Events;

public sealed class NullDomainEventSink : IDomainEventSink
{
    public static NullDomainEventSink Instance { get; } = new();

    public void Publish(DomainEvent domainEvent)
    {
    }
}
