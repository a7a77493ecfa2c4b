namespace CentralSystem.Domain.Access;

public enum ScheduleSource
{
    Charger,
    Site,
}

/// <summary>The schedule that governs a charger: its own, or the one it inherits from its site.</summary>
public sealed record EffectiveSchedule(AccessSchedule Schedule, ScheduleSource Source, string? SiteId);
