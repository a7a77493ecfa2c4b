using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Composite;

/// <summary>
/// Turns a profile into absolute intervals inside a window (libocpp's rules): Absolute starts at startSchedule (else
/// validFrom, else the window start); Relative at the transaction start (else the window start: "as if the session
/// starts now"); Recurring at the latest recurrence not after the window start, then every day/week. A period ends at
/// the next period, the schedule duration, the next recurrence or validTo, whichever is first; validFrom moves a start.
/// </summary>
internal static class ProfileExpander
{
    public static void Expand(ChargingProfile profile, int evse, long windowStart, long windowEnd, long? transactionStart, CompositeSettings settings, List<ProfileInterval> into)
    {
        var anchors = new List<long>(2);
        long recurrence = 0;
        switch (profile.Kind)
        {
            case ChargingProfileKind.Absolute:
                anchors.Add(Seconds(profile.StartSchedule ?? profile.ValidFrom) ?? windowStart);
                break;
            case ChargingProfileKind.Relative:
                anchors.Add(transactionStart ?? windowStart);
                break;
            case ChargingProfileKind.Recurring:
                recurrence = profile.Recurrency == RecurrencyKind.Weekly ? 7 * 86400 : 86400;
                // The latest recurrence at or before the window start, also when that is before startSchedule
                // (libocpp anchors recurring profiles modulo the period; the MixingCurrentAndPower cases rely on it).
                var baseStart = Seconds(profile.StartSchedule)!.Value;
                var first = baseStart + (Math.DivRem(windowStart - baseStart, recurrence, out var rest) - (rest < 0 ? 1 : 0)) * recurrence;

                for (var a = first; a < windowEnd; a += recurrence)
                {
                    anchors.Add(a);
                }

                break;
        }

        var validFrom = Seconds(profile.ValidFrom) ?? long.MinValue;
        var validTo = Seconds(profile.ValidTo) ?? long.MaxValue;
        var periods = profile.Periods;
        foreach (var anchor in anchors)
        {
            var scheduleEnd = profile.Duration is { } d ? anchor + d : long.MaxValue;
            if (recurrence > 0)
            {
                scheduleEnd = Math.Min(scheduleEnd, anchor + recurrence);
            }

            for (var j = 0; j < periods.Count; j++)
            {
                var from = Math.Max(anchor + periods[j].StartPeriod, validFrom);
                var to = j + 1 < periods.Count ? anchor + periods[j + 1].StartPeriod : long.MaxValue;
                to = Math.Min(to, Math.Min(scheduleEnd, validTo));
                if (from >= to || to <= windowStart || from >= windowEnd)
                {
                    continue;
                }

                into.Add(new ProfileInterval(from, to, profile.StackLevel, profile.EvseId == evse && evse != 0, profile.Id, Value(profile, periods[j], settings)));
            }
        }
    }

    public static long? Seconds(DateTimeOffset? t) => t?.ToUnixTimeSeconds();

    private static LimitValue Value(ChargingProfile profile, ProfilePeriod period, CompositeSettings settings)
    {
        // AC periods without numberPhases are taken as the default (three-phase), as libocpp conforms them.
        var phases = period.NumberPhases ?? settings.DefaultNumberPhases;
        return profile.Unit == ChargingRateUnit.A
            ? new LimitValue(period.Limit, null, phases, period.Setpoint, null)
            : new LimitValue(null, period.Limit, phases, null, period.Setpoint);
    }
}
