namespace CentralSystem.Domain.Access;

/// <summary>
/// Pure evaluation of a weekly access schedule: the mode at an instant and the next instant it changes.
/// <list type="bullet">
/// <item>A rule occurrence is the half-open interval [start, end) between its local start and end, resolved to instants
/// with <see cref="LocalTimeResolver"/> (DST gap: starts when the clocks jump; DST overlap: first occurrence).</item>
/// <item>Overlaps: Managed wins over Freevend — when in doubt the CSMS restricts; among rules of the winning mode the
/// first listed is reported as the rule that applied.</item>
/// <item>Outside every rule the schedule's default mode applies.</item>
/// </list>
/// </summary>
public static class AccessScheduleEvaluator
{
    // A weekly schedule repeats after 7 local days; one more covers windows that cross midnight and DST shifts.
    private const int HorizonDays = 8;

    public static AccessModeResolution ModeAt(AccessSchedule schedule, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var zone = schedule.Zone;
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        AccessRule? managed = null;
        AccessRule? freevend = null;
        foreach (var rule in schedule.Rules)
        {
            if (rule.Mode == AccessMode.Managed ? managed is not null : freevend is not null)
            {
                continue;
            }

            // A window lasts at most one local day, so only occurrences starting today or yesterday can cover the instant.
            for (var date = localDate.AddDays(-1); date <= localDate; date = date.AddDays(1))
            {
                if (!rule.Days.Contains(date.DayOfWeek))
                {
                    continue;
                }

                var (start, end) = Occurrence(rule, date, zone);
                if (start <= instant && instant < end)
                {
                    if (rule.Mode == AccessMode.Managed)
                    {
                        managed = rule;
                    }
                    else
                    {
                        freevend = rule;
                    }

                    break;
                }
            }
        }

        if (managed is not null)
        {
            return new AccessModeResolution(AccessMode.Managed, managed);
        }

        return freevend is not null
            ? new AccessModeResolution(AccessMode.Freevend, freevend)
            : new AccessModeResolution(schedule.DefaultMode, null);
    }

    /// <returns>The first instant strictly after <paramref name="instant"/> at which the mode differs; null when it never changes.</returns>
    public static AccessSwitch? NextSwitchAfter(AccessSchedule schedule, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var zone = schedule.Zone;
        var current = ModeAt(schedule, instant).Mode;
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        var edges = new SortedSet<DateTimeOffset>();
        foreach (var rule in schedule.Rules)
        {
            for (var date = localDate.AddDays(-1); date <= localDate.AddDays(HorizonDays); date = date.AddDays(1))
            {
                if (!rule.Days.Contains(date.DayOfWeek))
                {
                    continue;
                }

                var (start, end) = Occurrence(rule, date, zone);
                if (start > instant)
                {
                    edges.Add(start);
                }

                if (end > instant)
                {
                    edges.Add(end);
                }
            }
        }

        // Edges where one window hands over to another of the same mode change nothing: skip to the first real change.
        foreach (var edge in edges)
        {
            var resolution = ModeAt(schedule, edge);
            if (resolution.Mode != current)
            {
                return new AccessSwitch(edge, resolution);
            }
        }

        return null;
    }

    /// <summary>The instants one occurrence of <paramref name="rule"/>, starting on local <paramref name="date"/>, covers.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Occurrence(AccessRule rule, DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var start = LocalTimeResolver.Resolve(date.ToDateTime(rule.Start), zone);
        var endDate = rule.CrossesMidnight ? date.AddDays(1) : date;
        var end = LocalTimeResolver.Resolve(endDate.ToDateTime(rule.End), zone);
        return (start, end);
    }
}
