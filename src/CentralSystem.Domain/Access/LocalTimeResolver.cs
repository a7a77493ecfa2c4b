namespace CentralSystem.Domain.Access;

/// <summary>
/// Turns a wall-clock time in a zone into an instant, with the DST rules the schedules document:
/// a local time that does not exist (spring-forward gap) starts at the first valid instant after it — the moment the
/// clocks jump; an ambiguous local time (fall-back overlap) takes its first occurrence, the earlier instant.
/// </summary>
public static class LocalTimeResolver
{
    // Longest real DST gap is 2 hours (historic double summer time); a day bounds the search whatever the zone does.
    private const int MaxGapMinutes = 24 * 60;

    public static DateTimeOffset Resolve(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Gaps begin and end on whole minutes in every tz database zone since 1970: step to the first valid minute.
            var probe = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
            for (var i = 0; i < MaxGapMinutes && zone.IsInvalidTime(probe); i++)
            {
                probe = probe.AddMinutes(1);
            }

            local = probe;
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var first = offsets.Max();
            return new DateTimeOffset(local, first);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
