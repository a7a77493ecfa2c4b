namespace CentralSystem.Domain.Access;

/// <summary>
/// A recurring local-time window: on each of <paramref name="Days"/> (the day the window starts), from
/// <paramref name="Start"/> to <paramref name="End"/> in the schedule's time zone. End at or before Start means the
/// window crosses midnight and ends on the next day; End equal to Start is a full 24-hour window.
/// </summary>
public sealed record AccessRule(string Name, AccessMode Mode, IReadOnlySet<DayOfWeek> Days, TimeOnly Start, TimeOnly End)
{
    public bool CrossesMidnight => End <= Start;
}
