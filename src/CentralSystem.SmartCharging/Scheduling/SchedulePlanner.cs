using System.Globalization;
using System.Text;
using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Scheduling;

/// <summary>
/// Forecast over a horizon in three steps.
/// <list type="number">
/// <item><b>Capacity pass</b>: for every interval, the same allocation as "now" (admission + max-min fair) with the
/// limits valid during the interval (most restrictive envelope block overlapping it) and the vehicles still present.
/// This is what each EVSE can count on if everybody charged flat out.</item>
/// <item><b>Planning</b>: a session with an energy need takes the cheapest intervals (price + carbon weight × carbon;
/// earliest first on ties) before its departure until its need is covered, at its capacity-pass share. Sessions that
/// cannot be covered even at full share are "deficit" and take every interval. Sessions without a need are open-ended.</item>
/// <item><b>Final pass</b>: planned values are reserved as they are (feasible, being ≤ the capacity pass), deficit and
/// open-ended sessions keep their capacity share as a floor and share what deferred sessions freed, max-min fair;
/// sessions excluded by admission get another chance at their minimum.</item>
/// </list>
/// So a deadline that the site can physically meet at the fair share is met, flexible charging moves to cheap/clean
/// windows, and no interval ever exceeds a limit. Phase decisions and stale-telemetry reservations of "now" hold for
/// the whole horizon; discharging sessions keep their "now" value and are not netted against imports (conservative).
/// </summary>
internal static class SchedulePlanner
{
    private const int MaxSlots = 20_000;

    public static ScheduleResult Plan(CompiledSite site, DateTimeOffset at, TimeSpan horizon, TimeSpan interval)
    {
        if (horizon <= TimeSpan.Zero || interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), "horizon and interval must be positive");
        }

        if (horizon.Ticks / interval.Ticks > MaxSlots)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), $"more than {MaxSlots} intervals");
        }

        var (roles, _, conditions, exportPass, importPass) = Allocator.Prepare(site, at);
        var slots = BuildSlots(site.Site, at, horizon, interval);
        var end = at + horizon;
        var run = new SlotRunner(site, roles, conditions, importPass);
        var n = site.Evses.Length;
        var slotCount = slots.Length;

        // Capacity pass, cached by (envelope blocks in force, vehicles already departed).
        var capacity = new SlotRunner.SlotPass[slotCount];
        var cache = new Dictionary<string, SlotRunner.SlotPass>(StringComparer.Ordinal);
        for (var k = 0; k < slotCount; k++)
        {
            var key = run.Signature(slots[k]);
            if (!cache.TryGetValue(key, out var pass))
            {
                pass = run.CapacityPass(slots[k]);
                cache[key] = pass;
            }

            capacity[k] = pass;
        }

        // Planning.
        var slotFrom = slots.Select(x => x.From.UtcTicks).ToArray();
        var slotTo = slots.Select(x => x.To.UtcTicks).ToArray();
        var atTicks = at.UtcTicks;
        var plan = new PlanKind[n];
        // Planned values interval-major ([interval][EVSE]): every later step walks one interval across all EVSEs, which
        // then reads one array front to back instead of one value from each of ten thousand arrays. Intervals nobody
        // planned in share one array of zeros (read only), which keeps most of a day's arrays from being allocated.
        var nothingPlanned = new double[n];
        var planned = new double[slotCount][];
        Array.Fill(planned, nothingPlanned);

        var order = Enumerable.Range(0, slotCount).OrderBy(k => slots[k].Cost).ThenBy(k => k).ToArray();
        var plannedEvses = PlanSessions(site, roles, capacity, slotFrom, slotTo, atTicks, end, order, plan, planned, nothingPlanned, run.Set, run.Stock);

        // Final pass, reused between intervals with the same capacity pass and the same planned values (typical for
        // the hours in which every flexible session waits for the cheap window).
        var final = new SlotRunner.SlotPass[slotCount];
        var finalCache = new Dictionary<(SlotRunner.SlotPass, long), List<int>>();
        for (var k = 0; k < slotCount; k++)
        {
            if (!SlotRunner.NeedsFinalPass(capacity[k], plannedEvses, planned[k]))
            {
                final[k] = capacity[k];
                continue;
            }

            var key = (capacity[k], PlanHash(plannedEvses, planned[k]));
            if (finalCache.TryGetValue(key, out var candidates))
            {
                var same = candidates.FirstOrDefault(j => SamePlan(plannedEvses, planned[j], planned[k]), -1);
                if (same >= 0)
                {
                    final[k] = final[same];
                    continue;
                }
            }
            else
            {
                finalCache[key] = candidates = [];
            }

            final[k] = run.FinalPass(slots[k], capacity[k], plan, plannedEvses, planned[k]);
            candidates.Add(k);
        }

        var results = ScheduleResultBuilder.Build(site, at, end, slotFrom, slotTo, roles, plan, planned, capacity, final, run, exportPass);

        if (run.Stock is { } stock)
        {
            foreach (var values in planned)
            {
                if (!ReferenceEquals(values, nothingPlanned))
                {
                    stock.Return(values);
                }
            }
        }

        run.Dispose();
        exportPass?.Set.Dispose();

        return new ScheduleResult(site.Site.Id, at, horizon, interval)
        {
            SlotStarts = [.. slots.Select(s => s.From)],
            Evses = results,
        };
    }

    /// <summary>
    /// Classifies the import sessions (open, deficit, planned) and fills in the planned values; returns the planned
    /// sessions in index order. Intervals are the outer loop (each reads one capacity array front to back) and every
    /// session still sees its intervals in the same order as one session at a time would, so sums are unchanged.
    /// </summary>
    private static int[] PlanSessions(
        CompiledSite site,
        EvseRole[] roles,
        SlotRunner.SlotPass[] capacity,
        long[] slotFrom,
        long[] slotTo,
        long atTicks,
        DateTimeOffset end,
        int[] order,
        PlanKind[] plan,
        double[][] planned,
        double[] nothingPlanned,
        ConstraintSet set,
        ItemArrayStock? stock)
    {
        var n = site.Evses.Length;
        var withNeed = new List<int>();
        var until = new long[n];
        var ppu = new double[n];
        var need = new double[n];
        for (var e = 0; e < n; e++)
        {
            if (roles[e] != EvseRole.Import)
            {
                continue;
            }

            var session = site.Evses[e].Session!;
            if (session.EnergyNeededWh is not { } wh)
            {
                plan[e] = PlanKind.Open;
                continue;
            }

            withNeed.Add(e);
            need[e] = wh;
            until[e] = Min(session.DepartureAt ?? end, end).UtcTicks;
            ppu[e] = set.OutputPowerPerUnit(e);
        }

        // What each session could get flat out before it leaves.
        var total = new double[n];
        var sessions = withNeed.ToArray();
        for (var k = 0; k < slotFrom.Length; k++)
        {
            var values = capacity[k].Pass.Fill.Value;
            var (from, to) = (slotFrom[k], slotTo[k]);
            var full = Hours(from, to, atTicks, to);
            foreach (var e in sessions)
            {
                if (from < until[e])
                {
                    total[e] += values[e] * ppu[e] * (until[e] >= to ? full : Hours(from, to, atTicks, until[e]));
                }
            }
        }

        var plannedEvses = new List<int>();
        var remaining = new double[n];
        foreach (var e in withNeed)
        {
            if (total[e] < need[e] - 1e-6)
            {
                plan[e] = PlanKind.Deficit;
                continue;
            }

            plan[e] = PlanKind.Planned;
            plannedEvses.Add(e);
            remaining[e] = need[e];
        }

        // Cheapest intervals first until the need is covered; an interval's share of the zero array
        // (<paramref name="nothingPlanned"/>) is replaced by an own one on its first planned value. Sessions whose need
        // is covered leave the list (kept in index order), so later intervals only walk those still planning.
        var open = plannedEvses.ToArray();
        var openCount = open.Length;
        foreach (var k in order)
        {
            var values = capacity[k].Pass.Fill.Value;
            var bounds = capacity[k].Pass.Bounds;
            var full = Hours(slotFrom[k], slotTo[k], atTicks, slotTo[k]);
            var kept = 0;
            for (var j = 0; j < openCount; j++)
            {
                var e = open[j];
                if (remaining[e] <= 1e-9)
                {
                    continue;
                }

                open[kept++] = e;

                var hours = until[e] >= slotTo[k] ? full : Hours(slotFrom[k], slotTo[k], atTicks, until[e]);
                var a = values[e];
                var energy = a * ppu[e] * hours;
                if (energy <= 0)
                {
                    continue;
                }

                if (ReferenceEquals(planned[k], nothingPlanned))
                {
                    planned[k] = Zeroed(stock, n);
                }

                if (energy <= remaining[e])
                {
                    planned[k][e] = a;
                    remaining[e] -= energy;
                }
                else
                {
                    // Last interval: just the rate that completes the need, but never below the minimum current.
                    planned[k][e] = Math.Min(a, Math.Max(remaining[e] / (ppu[e] * hours), bounds.Floor(e)));
                    remaining[e] = 0;
                }
            }

            openCount = kept;
        }

        return [.. plannedEvses];
    }

    /// <summary>A zeroed item array, from the prepared site's stock when there is one (given back after the schedule).</summary>
    private static double[] Zeroed(ItemArrayStock? stock, int n)
    {
        if (stock is null)
        {
            return new double[n];
        }

        var values = stock.RentDoubles();
        Array.Clear(values);
        return values;
    }

    private static long PlanHash(int[] plannedEvses, double[] values)
    {
        var hash = new HashCode();
        foreach (var e in plannedEvses)
        {
            hash.Add(values[e]);
        }

        return hash.ToHashCode();
    }

    private static bool SamePlan(int[] plannedEvses, double[] a, double[] b)
    {
        foreach (var e in plannedEvses)
        {
            if (!a[e].Equals(b[e]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Hours of [from, to) that fall in [start, until), on UTC ticks. For every until ≥ to this is the same
    /// value as for until = to, which loops over sessions work out once per interval.</summary>
    internal static double Hours(long from, long to, long start, long until) =>
        Math.Max(0, Math.Min(to, until) - Math.Max(from, start)) / (double)TimeSpan.TicksPerHour;

    internal static Slot[] BuildSlots(SiteModel site, DateTimeOffset at, TimeSpan horizon, TimeSpan interval)
    {
        var slots = new List<Slot>();
        var end = at + horizon;
        var t = at;
        while (t < end)
        {
            var rest = t.UtcTicks % interval.Ticks;
            var next = new DateTimeOffset(t.UtcTicks - rest + interval.Ticks, TimeSpan.Zero).ToOffset(at.Offset);
            if (next > end)
            {
                next = end;
            }

            slots.Add(new Slot(t, next, Cost(site, t, next)));
            t = next;
        }

        return [.. slots];
    }

    /// <summary>Time-weighted price + carbon weight × carbon over the interval.</summary>
    private static double Cost(SiteModel site, DateTimeOffset from, DateTimeOffset to)
    {
        double cost = 0;
        var length = (to - from).TotalSeconds;
        foreach (var period in site.Tariff)
        {
            var overlap = (Min(period.To, to) - Max(period.From, from)).TotalSeconds;
            if (overlap > 0)
            {
                cost += overlap / length * (period.PricePerKwh + (site.Settings.CarbonWeight * period.CarbonGPerKwh));
            }
        }

        return cost;
    }

    internal static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    internal static string Key(IEnumerable<int> parts)
    {
        var sb = new StringBuilder();
        foreach (var p in parts)
        {
            sb.Append(p.ToString(CultureInfo.InvariantCulture)).Append(',');
        }

        return sb.ToString();
    }
}
