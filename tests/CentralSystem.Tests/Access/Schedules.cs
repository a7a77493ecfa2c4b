using CentralSystem.Domain.Access;

namespace CentralSystem.Tests.Access;

/// <summary>Object mother for schedules: a rule list in a real zone.</summary>
internal static class Schedules
{
    public static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    public static readonly DayOfWeek[] EveryDay = Enum.GetValues<DayOfWeek>();

    public static AccessRule Rule(string name, AccessMode mode, DayOfWeek[] days, string start, string end) =>
        new(name, mode, days.ToHashSet(), TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));

    public static AccessSchedule In(string zone, AccessMode defaultMode, params AccessRule[] rules) => new(zone, defaultMode, rules);

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
