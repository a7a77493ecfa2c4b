namespace CentralSystem.Domain.Access;

/// <summary>A schedule without its time zone: what a site or charger stores; the zone comes from the charger or its site.</summary>
public sealed record ScheduleRules(AccessMode DefaultMode, IReadOnlyList<AccessRule> Rules)
{
    public AccessSchedule In(string timeZoneId) => new(timeZoneId, DefaultMode, Rules);
}
