using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Composite;

/// <summary>
/// The schedule a charger will follow given the profiles it holds, with libocpp's semantics (OCPP 2.0.1 K08
/// GetCompositeSchedule): per purpose the highest stack level wins; TxProfile overrides TxDefaultProfile (override,
/// not minimum) while a transaction runs or one is simulated; external constraints and the station maximum only
/// lower the result; amps and watts are compared separately and converted at the end with the period's numberPhases;
/// time without any limit gets the configured default. For EVSE 0 the EVSEs' results are summed (an EVSE without a
/// limit counts its default) and then capped by the station-wide profiles.
/// </summary>
public static class CompositeScheduleCalculator
{
    private readonly record struct Segment(long From, long To, double Limit, int? Phases, double? Setpoint);

    public static CompositeSchedule Calculate(CompositeStation station, CompositeScheduleRequest request)
    {
        var start = request.Start.ToUnixTimeSeconds();
        var end = Math.Max(start, request.End.ToUnixTimeSeconds());

        // A zero-length window still reports the limit in force at its start (libocpp#1169).
        var evalEnd = end == start ? start + 1 : end;
        var invalidated = new List<int>();
        var profiles = UsableProfiles(station, request, invalidated);

        List<Segment> segments;
        if (request.EvseId == 0)
        {
            segments = StationSegments(station, request, profiles, start, evalEnd);
        }
        else
        {
            segments = [.. EvseValues(station, request, profiles, request.EvseId, start, evalEnd, includeStationWide: true)
                .Select(s => ToUnit(station.Settings, s.Value, request.Unit, s.From, s.To))];
        }

        var periods = new List<CompositePeriod>();
        foreach (var s in segments)
        {
            if (periods.Count > 0 && periods[^1] is var last
                && Math.Abs(last.Limit - s.Limit) < 1e-9 && last.NumberPhases == s.Phases && last.Setpoint == s.Setpoint)
            {
                continue;
            }

            periods.Add(new CompositePeriod((int)(s.From - start), s.Limit) { NumberPhases = s.Phases, Setpoint = s.Setpoint });
        }

        return new CompositeSchedule(request.EvseId, DateTimeOffset.FromUnixTimeSeconds(start), (int)(end - start), request.Unit)
        {
            Periods = periods,
            InvalidatedProfileIds = invalidated,
        };
    }

    /// <summary>Station composite: each EVSE's result in the requested unit (default where none), summed, then capped.</summary>
    private static List<Segment> StationSegments(CompositeStation station, CompositeScheduleRequest request, List<ChargingProfile> profiles, long start, long end)
    {
        var settings = station.Settings;
        var perEvse = new List<List<Segment>>();
        var cuts = new SortedSet<long> { start, end };
        for (var evse = 1; evse <= station.NumberOfEvses; evse++)
        {
            var list = EvseValues(station, request, profiles, evse, start, end, includeStationWide: false)
                .Select(s => ToUnit(settings, s.Value, request.Unit, s.From, s.To)).ToList();
            perEvse.Add(list);
            foreach (var s in list)
            {
                cuts.Add(s.From);
            }
        }

        var stationWide = Flatten(StationWideIntervals(station, profiles, start, end), start, end);
        foreach (var s in stationWide)
        {
            cuts.Add(s.From);
        }

        var result = new List<Segment>();
        var bounds = cuts.ToArray();
        for (var i = 0; i + 1 < bounds.Length; i++)
        {
            var from = bounds[i];
            double sum = 0;
            int? phases = null;
            foreach (var list in perEvse)
            {
                var s = list.Last(x => x.From <= from);
                sum += s.Limit;
                phases = s.Phases is { } p ? Math.Max(phases ?? 0, p) : phases;
            }

            var cap = stationWide.LastOrDefault(x => x.From <= from);
            if (cap.Value.HasLimit)
            {
                var capped = ToUnit(settings, cap.Value, request.Unit, from, bounds[i + 1]);
                sum = Math.Min(sum, capped.Limit);
                phases = phases is null ? capped.Phases : capped.Phases is null ? phases : Math.Min(phases.Value, capped.Phases.Value);
            }

            result.Add(new Segment(from, bounds[i + 1], sum, phases, null));
        }

        return result;
    }

    /// <summary>One EVSE: Tx over TxDefault (if a transaction runs or is simulated), then ∩ external constraints and station max.</summary>
    private static List<(long From, long To, LimitValue Value)> EvseValues(
        CompositeStation station, CompositeScheduleRequest request, List<ChargingProfile> profiles, int evse, long start, long end, bool includeStationWide)
    {
        var transaction = request.Transactions.FirstOrDefault(t => t.EvseId == evse);
        var txStart = transaction is null ? (long?)null : transaction.StartedAt.ToUnixTimeSeconds();
        var charging = transaction is not null || request.SimulateTransaction;
        var tx = new List<ProfileInterval>();
        var txDefault = new List<ProfileInterval>();
        var external = new List<ProfileInterval>();
        var max = new List<ProfileInterval>();
        foreach (var profile in profiles)
        {
            var own = profile.EvseId == evse;
            var stationWide = includeStationWide && profile.EvseId == 0;
            var target = profile.Purpose switch
            {
                ChargingProfilePurpose.TxProfile when own && charging => tx,
                ChargingProfilePurpose.TxDefaultProfile when (own || profile.EvseId == 0) && charging => txDefault,
                ChargingProfilePurpose.ChargingStationExternalConstraints when own || stationWide => external,
                ChargingProfilePurpose.ChargingStationMaxProfile when stationWide => max,
                _ => null,
            };
            if (target is not null)
            {
                ProfileExpander.Expand(profile, evse, start, end, txStart, station.Settings, target);
            }
        }

        var flatTx = Flatten(tx, start, end);
        var flatDefault = Flatten(txDefault, start, end);
        var flatExternal = Flatten(external, start, end);
        var flatMax = Flatten(max, start, end);
        var cuts = new SortedSet<long>();
        foreach (var list in new[] { flatTx, flatDefault, flatExternal, flatMax })
        {
            foreach (var s in list)
            {
                cuts.Add(s.From);
            }
        }

        cuts.Add(start);
        cuts.Add(end);
        var bounds = cuts.ToArray();
        var result = new List<(long, long, LimitValue)>(bounds.Length);
        for (var i = 0; i + 1 < bounds.Length; i++)
        {
            var at = bounds[i];
            var txValue = At(flatTx, at);
            var merged = txValue.HasLimit ? txValue : At(flatDefault, at);
            var value = merged.Lowest(At(flatExternal, at)).Lowest(At(flatMax, at));
            result.Add((at, bounds[i + 1], value));
        }

        return result;
    }

    private static List<ProfileInterval> StationWideIntervals(CompositeStation station, List<ChargingProfile> profiles, long start, long end)
    {
        var external = new List<ProfileInterval>();
        var max = new List<ProfileInterval>();
        foreach (var profile in profiles.Where(p => p.EvseId == 0))
        {
            if (profile.Purpose == ChargingProfilePurpose.ChargingStationExternalConstraints)
            {
                ProfileExpander.Expand(profile, 0, start, end, null, station.Settings, external);
            }
            else if (profile.Purpose == ChargingProfilePurpose.ChargingStationMaxProfile)
            {
                ProfileExpander.Expand(profile, 0, start, end, null, station.Settings, max);
            }
        }

        // Both only lower: combine them into one "station-wide limit" time line.
        var flatExternal = Flatten(external, start, end);
        var flatMax = Flatten(max, start, end);
        var cuts = new SortedSet<long>(flatExternal.Select(s => s.From).Concat(flatMax.Select(s => s.From))) { start, end };
        var bounds = cuts.ToArray();
        var combined = new List<ProfileInterval>();
        for (var i = 0; i + 1 < bounds.Length; i++)
        {
            combined.Add(new ProfileInterval(bounds[i], bounds[i + 1], 0, false, 0, At(flatExternal, bounds[i]).Lowest(At(flatMax, bounds[i]))));
        }

        return combined;
    }

    /// <summary>Per instant the winning interval (stack level, then EVSE-specific, then id); uncovered time has no limit.</summary>
    private static List<ProfileInterval> Flatten(List<ProfileInterval> intervals, long start, long end)
    {
        var cuts = new SortedSet<long> { start, end };
        foreach (var i in intervals)
        {
            if (i.From > start && i.From < end)
            {
                cuts.Add(i.From);
            }

            if (i.To > start && i.To < end)
            {
                cuts.Add(i.To);
            }
        }

        var bounds = cuts.ToArray();
        var flat = new List<ProfileInterval>(bounds.Length);
        for (var b = 0; b + 1 < bounds.Length; b++)
        {
            var at = bounds[b];
            ProfileInterval? best = null;
            foreach (var i in intervals)
            {
                if (i.From <= at && at < i.To && (best is null || i.Beats(best.Value)))
                {
                    best = i;
                }
            }

            flat.Add(new ProfileInterval(at, bounds[b + 1], best?.StackLevel ?? 0, false, best?.ProfileId ?? 0, best?.Value ?? default));
        }

        return flat;
    }

    private static LimitValue At(List<ProfileInterval> flat, long at)
    {
        foreach (var s in flat)
        {
            if (s.From <= at && at < s.To)
            {
                return s.Value;
            }
        }

        return default;
    }

    /// <summary>To the requested unit with the period's phases (default when unspecified); no limit ⇒ the default limit.</summary>
    private static Segment ToUnit(CompositeSettings settings, LimitValue value, ChargingRateUnit unit, long from, long to)
    {
        if (!value.HasLimit)
        {
            return new Segment(from, to, unit == ChargingRateUnit.A ? settings.DefaultLimitA : settings.DefaultLimitW, null, null);
        }

        var perAmp = settings.SupplyVoltageV * (value.Phases ?? settings.DefaultNumberPhases);
        double limit;
        double? setpoint;
        if (unit == ChargingRateUnit.A)
        {
            limit = Math.Min(value.A ?? double.PositiveInfinity, value.W is { } w ? w / perAmp : double.PositiveInfinity);
            setpoint = value.SetpointA ?? (value.SetpointW / perAmp);
        }
        else
        {
            limit = Math.Min(value.A is { } a ? a * perAmp : double.PositiveInfinity, value.W ?? double.PositiveInfinity);
            setpoint = value.SetpointW ?? (value.SetpointA * perAmp);
        }

        return new Segment(from, to, limit, value.Phases, setpoint);
    }

    /// <summary>
    /// Profiles the station would use: invalid ones are dropped silently, as a charger re-validates on every
    /// calculation (first period not at 0, periods out of order, too many phases, start schedule missing or extra,
    /// station max not on EVSE 0 or relative, TxProfile without its running transaction, offline too long).
    /// </summary>
    private static List<ChargingProfile> UsableProfiles(CompositeStation station, CompositeScheduleRequest request, List<int> invalidated)
    {
        var usable = new List<ChargingProfile>(station.Profiles.Count);
        foreach (var profile in station.Profiles)
        {
            if (profile.MaxOfflineDuration is { } maxOffline && request.OfflineFor is { } offline && offline.TotalSeconds > maxOffline)
            {
                if (profile.InvalidAfterOfflineDuration)
                {
                    invalidated.Add(profile.Id);
                }

                continue;
            }

            if (IsValid(station, request, profile))
            {
                usable.Add(profile);
            }
        }

        return usable;
    }

    private static bool IsValid(CompositeStation station, CompositeScheduleRequest request, ChargingProfile profile)
    {
        var periods = profile.Periods;
        if (periods.Count == 0 || periods[0].StartPeriod != 0)
        {
            return false;
        }

        for (var i = 0; i < periods.Count; i++)
        {
            if ((i > 0 && periods[i].StartPeriod <= periods[i - 1].StartPeriod)
                || !double.IsFinite(periods[i].Limit)
                || periods[i].NumberPhases is < 1 || periods[i].NumberPhases > station.Settings.SupplyPhases)
            {
                return false;
            }
        }

        var hasStart = profile.StartSchedule is not null;
        if ((profile.Kind == ChargingProfileKind.Relative && hasStart)
            || (profile.Kind != ChargingProfileKind.Relative && !hasStart)
            || (profile.Kind == ChargingProfileKind.Recurring && profile.Recurrency is null))
        {
            return false;
        }

        return profile.Purpose switch
        {
            ChargingProfilePurpose.ChargingStationMaxProfile => profile.EvseId == 0 && profile.Kind != ChargingProfileKind.Relative,
            ChargingProfilePurpose.TxProfile => profile.EvseId > 0 && request.Transactions.Any(t =>
                t.EvseId == profile.EvseId && (profile.TransactionId is null || t.TransactionId == profile.TransactionId)),
            _ => true,
        };
    }
}
