namespace CentralSystem.Domain.Events;

/// <summary>Something that happened at a charger, for in-process subscribers (smart charging, dashboard).</summary>
public abstract record DomainEvent(DateTimeOffset At, string ChargerId);
