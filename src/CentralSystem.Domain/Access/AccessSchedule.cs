namespace CentralSystem.Domain.Access;

/// <summary>
/// A charger's (or site's) recurring access schedule: rules evaluated in <paramref name="TimeZoneId"/> (IANA id),
/// and <paramref name="DefaultMode"/> outside every rule. Where rules overlap, Managed wins (see AccessScheduleEvaluator).
/// </summary>
public sealed record AccessSchedule(string TimeZoneId, AccessMode DefaultMode, IReadOnlyList<AccessRule> Rules)
{
    private TimeZoneInfo? _zone;

    /// <summary>Resolved once; the schedule must have passed <see cref="AccessScheduleValidator"/>.</summary>
    public TimeZoneInfo Zone => _zone ??= TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}
