using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Scheduling;

/// <summary>
/// Turns the solved intervals into one schedule per EVSE: consecutive intervals with the same value and reason merge
/// into one period, energy is summed up to departure.
/// </summary>
/// <remarks>
/// Intervals are the outer loop and EVSEs the inner one, with each EVSE's running state in arrays: every interval's
/// pass arrays are then read front to back once, where an EVSE-by-EVSE walk touched a different pass array on every
/// step (tens of them, megabytes apart) and spent most of its time waiting on memory. Each EVSE still sees its
/// intervals in order, so sums and merges are exactly as before.
/// </remarks>
internal static class ScheduleResultBuilder
{
    private static readonly LineageEntry Deferred = new(LimitKind.TariffDeferral) { Detail = "deferred to a cheaper or cleaner interval" };
    private static readonly LineageEntry Covered = new(LimitKind.EnergyComplete) { Detail = "energy need covered by earlier intervals" };
    private static readonly LineageEntry Completing = new(LimitKind.EnergyComplete) { Detail = "rate that completes the energy need" };

    public static ChargingScheduleResult[] Build(
        CompiledSite site,
        DateTimeOffset at,
        DateTimeOffset end,
        long[] slotFrom,
        long[] slotTo,
        EvseRole[] roles,
        PlanKind[] plan,
        double[][] planned,
        SlotRunner.SlotPass[] capacity,
        SlotRunner.SlotPass[] final,
        SlotRunner run,
        DirectionPass? exportPass)
    {
        var n = site.Evses.Length;
        var set = run.Set;
        var atTicks = at.UtcTicks;
        var factor = new double[n];
        var outputPerUnit = new double[n];
        var until = new long[n];
        var departureTicks = new long[n];
        var lastChosen = new int[n];
        var energy = new double[n];
        var lastValue = new double[n];
        var lastRaw = new double[n];
        var lastBound = new LineageEntry?[n];
        var departed = new LineageEntry?[n];
        var lastFinal = new SlotRunner.SlotPass?[n];
        var lastCapacity = new SlotRunner.SlotPass?[n];
        var capacityBound = new LineageEntry?[n];
        var departures = new DepartureEntries();
        var periods = new List<SchedulePeriod>[n];
        for (var e = 0; e < n; e++)
        {
            var evse = site.Evses[e];
            var dc = site.IsDc(e);
            var unit = site.EvseUnit[e];
            var departure = evse.Session?.DepartureAt;
            until[e] = SchedulePlanner.Min(departure ?? end, end).UtcTicks;
            departureTicks[e] = departure?.UtcTicks ?? long.MaxValue;
            outputPerUnit[e] = set.OutputPowerPerUnit(e);
            lastChosen[e] = -1;

            // Value in the charger's unit = item value × factor.
            factor[e] = unit switch
            {
                ChargingRateUnit.A when dc => set.CurrentPerUnit(e),
                ChargingRateUnit.A => 1,
                _ => outputPerUnit[e],
            };
            lastValue[e] = double.NaN;
            lastRaw[e] = double.NaN;
            periods[e] = [];
        }

        // Last interval with a planned value, per EVSE (planned values are [interval][EVSE]).
        var plannedEvses = Enumerable.Range(0, n).Where(e => plan[e] == PlanKind.Planned).ToArray();
        for (var k = 0; k < planned.Length; k++)
        {
            var values = planned[k];
            foreach (var e in plannedEvses)
            {
                if (values[e] > 0)
                {
                    lastChosen[e] = k;
                }
            }
        }

        // EVSEs whose periods can still change: an idle EVSE (no session in any interval) or a departed one reads the
        // same value and reason in every later interval, so once its period is written it leaves the list.
        var active = new int[n];
        var activeCount = n;
        for (var e = 0; e < n; e++)
        {
            active[e] = e;
        }

        for (var k = 0; k < slotFrom.Length; k++)
        {
            var from = slotFrom[k];
            var to = slotTo[k];
            var startPeriod = (int)Math.Round((from - atTicks) / (double)TimeSpan.TicksPerSecond);
            var full = SchedulePlanner.Hours(from, to, atTicks, to);
            var cap = capacity[k];
            var fin = final[k];
            var capValues = cap.Pass.Fill.Value;
            var finValues = fin.Pass.Fill.Value;
            var plannedValues = planned[k];
            var kept = 0;
            for (var j = 0; j < activeCount; j++)
            {
                var e = active[j];
                double x;
                LineageEntry? bound;
                var role = roles[e];
                var present = departureTicks[e] > from;
                if (role == EvseRole.Export && exportPass is not null)
                {
                    x = present ? -exportPass.Fill.Value[e] : 0;
                    bound = present ? Allocator.BindingEntry(exportPass, e, role) : departed[e] ??= departures.Entry(site.Evses[e].Session?.DepartureAt);
                }
                else if (!present && role is EvseRole.Import or EvseRole.Stale)
                {
                    x = 0;
                    bound = departed[e] ??= departures.Entry(site.Evses[e].Session?.DepartureAt);
                }
                else if (plan[e] == PlanKind.Planned)
                {
                    x = plannedValues[e];
                    if (x <= 0)
                    {
                        bound = k < lastChosen[e] ? Deferred : Covered;
                    }
                    else if (x < capValues[e] - 1e-9)
                    {
                        bound = Completing;
                    }
                    else
                    {
                        // One capacity pass serves hours of intervals: its reason is looked up once per pass.
                        if (!ReferenceEquals(lastCapacity[e], cap))
                        {
                            (capacityBound[e], lastCapacity[e]) = (cap.Binding(e), cap);
                        }

                        bound = capacityBound[e];
                    }
                }
                else if (ReferenceEquals(lastFinal[e], fin))
                {
                    // The same pass as the interval before: the same value and reason, so only the energy adds up.
                    x = finValues[e];
                    bound = null;
                }
                else
                {
                    x = finValues[e];
                    bound = fin.Binding(e);
                    lastFinal[e] = fin;
                }

                if (present && role != EvseRole.Idle)
                {
                    active[kept++] = e;
                }

                if (x > 0)
                {
                    energy[e] += x * outputPerUnit[e] * (until[e] >= to ? full : SchedulePlanner.Hours(from, to, atTicks, until[e]));
                }

                if (bound is null)
                {
                    continue;
                }

                // Rounding is the costly part, and ±0 rounds to itself; a value equal to the last one seen rounds to the
                // same period value, so it is not rounded again.
                if (x == lastRaw[e] && ReferenceEquals(bound, lastBound[e]))
                {
                    continue;
                }

                var scaled = x * factor[e];
                var value = scaled == 0 ? scaled : Math.Round(scaled, 6);
                if (value == lastValue[e] && (ReferenceEquals(bound, lastBound[e]) || Equals(bound, lastBound[e])))
                {
                    lastRaw[e] = x;
                    continue;
                }

                int? numberPhases = site.IsDc(e) && site.EvseUnit[e] == ChargingRateUnit.W ? null : set.ItemPhases[e];
                periods[e].Add(new SchedulePeriod(startPeriod, value) { NumberPhases = numberPhases, BoundBy = bound });
                (lastValue[e], lastBound[e], lastRaw[e]) = (value, bound, x);
            }

            activeCount = kept;
        }

        var results = new ChargingScheduleResult[n];
        var horizonSeconds = (int)Math.Round((end - at).TotalSeconds);
        for (var e = 0; e < n; e++)
        {
            var evse = site.Evses[e];
            var need = evse.Session?.EnergyNeededWh;
            results[e] = new ChargingScheduleResult(evse.Id, site.EvseUnit[e], at, horizonSeconds)
            {
                ChargerId = site.EvseCharger[e] >= 0 ? site.Nodes[site.EvseCharger[e]].Id : null,
                Periods = periods[e],
                EnergyNeededWh = roles[e] == EvseRole.Import ? need : null,
                EnergyPlannedWh = Math.Round(energy[e], 3),
                DepartureAt = evse.Session?.DepartureAt,
                DeadlineMet = roles[e] == EvseRole.Import && need is { } wh ? energy[e] >= wh - 1e-3 : null,
            };
        }

        return results;
    }
}
