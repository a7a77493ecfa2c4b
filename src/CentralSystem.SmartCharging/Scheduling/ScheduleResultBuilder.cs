using System.Buffers;
using System.Runtime.CompilerServices;
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
/// intervals in order, so sums and merges are exactly as before. One interval is one call of <see cref="Builder.Add"/>:
/// called a hundred times per schedule it gets fully optimised code, where a loop inside a method called once per
/// schedule ran on on-stack-replacement code that kept its arrays on the stack.
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
        var builder = new Builder(site, at, end, roles, plan, planned, run, exportPass);
        try
        {
            for (var k = 0; k < slotFrom.Length; k++)
            {
                builder.Add(k, slotFrom[k], slotTo[k], capacity[k], final[k], planned[k]);
            }

            return builder.Results();
        }
        finally
        {
            builder.Release();
        }
    }

    /// <summary>An EVSE's running numbers, together: the interval loop reads most of them for every EVSE.</summary>
    private struct Track
    {
        /// <summary>End of the energy count: departure or the horizon end (UTC ticks).</summary>
        public long Until;

        public long Departure;

        /// <summary>Value in the charger's unit = item value × factor.</summary>
        public double Factor;

        public double OutputPerUnit;

        public double Energy;

        /// <summary>Value of the last period written.</summary>
        public double LastValue;

        /// <summary>Last item value seen that rounds to <see cref="LastValue"/>.</summary>
        public double LastRaw;

        /// <summary>Last interval with a planned value (-1: none).</summary>
        public int LastChosen;
    }

    private sealed class Builder
    {
        private readonly CompiledSite _site;
        private readonly DateTimeOffset _at;
        private readonly DateTimeOffset _end;
        private readonly long _atTicks;
        private readonly EvseRole[] _roles;
        private readonly PlanKind[] _plan;
        private readonly ConstraintSet _set;
        private readonly DirectionPass? _exportPass;
        private readonly Track[] _track;
        private readonly LineageEntry?[] _lastBound;
        private readonly LineageEntry?[] _departed;
        private readonly SlotRunner.SlotPass?[] _lastFinal;
        private readonly SlotRunner.SlotPass?[] _lastCapacity;
        private readonly LineageEntry?[] _capacityBound;
        private readonly DepartureEntries _departures = new();
        private readonly List<SchedulePeriod>[] _periods;

        /// <summary>
        /// EVSEs whose periods can still change, planned sessions in <see cref="_planned"/> and the others here: an idle
        /// EVSE (no session in any interval) or a departed one reads the same value and reason in every later interval,
        /// so once its period is written it leaves the list.
        /// </summary>
        private readonly int[] _active;
        private readonly int[] _planned;
        private int _activeCount;
        private int _plannedCount;

        public Builder(CompiledSite site, DateTimeOffset at, DateTimeOffset end, EvseRole[] roles, PlanKind[] plan, double[][] planned, SlotRunner run, DirectionPass? exportPass)
        {
            var n = site.Evses.Length;
            _site = site;
            _at = at;
            _end = end;
            _atTicks = at.UtcTicks;
            _roles = roles;
            _plan = plan;
            _set = run.Set;
            _exportPass = exportPass;
            // Pooled: 10,000 of them are large-object-heap sized. Every entry is set below.
            _track = ArrayPool<Track>.Shared.Rent(n);
            _lastBound = new LineageEntry?[n];
            _departed = new LineageEntry?[n];
            _lastFinal = new SlotRunner.SlotPass?[n];
            _lastCapacity = new SlotRunner.SlotPass?[n];
            _capacityBound = new LineageEntry?[n];
            _periods = new List<SchedulePeriod>[n];
            _active = new int[n];
            _planned = new int[n];
            for (var e = 0; e < n; e++)
            {
                var dc = site.IsDc(e);
                var unit = site.EvseUnit[e];
                var departure = site.Evses[e].Session?.DepartureAt;
                var outputPerUnit = _set.OutputPowerPerUnit(e);
                _track[e] = new Track
                {
                    Until = SchedulePlanner.Min(departure ?? end, end).UtcTicks,
                    Departure = departure?.UtcTicks ?? long.MaxValue,
                    OutputPerUnit = outputPerUnit,
                    Factor = unit switch
                    {
                        ChargingRateUnit.A when dc => _set.CurrentPerUnit(e),
                        ChargingRateUnit.A => 1,
                        _ => outputPerUnit,
                    },
                    LastValue = double.NaN,
                    LastRaw = double.NaN,
                    LastChosen = -1,
                };
                _periods[e] = [];
                if (plan[e] == PlanKind.Planned)
                {
                    _planned[_plannedCount++] = e;
                }
                else
                {
                    _active[_activeCount++] = e;
                }
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
                        _track[e].LastChosen = k;
                    }
                }
            }
        }

        public void Add(int k, long from, long to, SlotRunner.SlotPass cap, SlotRunner.SlotPass fin, double[] plannedValues)
        {
            var atTicks = _atTicks;
            var startPeriod = (int)Math.Round((from - atTicks) / (double)TimeSpan.TicksPerSecond);
            var full = SchedulePlanner.Hours(from, to, atTicks, to);
            var capValues = cap.Pass.Fill.Value;
            var track = _track;

            // Planned sessions and the others in separate lists (each in index order): which kind an EVSE is follows no
            // pattern, and one loop for both mispredicted that branch for a good part of the EVSEs in every interval.
            var planned = _planned;
            var kept = 0;
            for (var j = 0; j < _plannedCount; j++)
            {
                var e = planned[j];
                ref var t = ref track[e];
                double x;
                LineageEntry bound;
                var present = t.Departure > from;
                if (!present)
                {
                    x = 0;
                    bound = Departed(e);
                }
                else
                {
                    planned[kept++] = e;
                    x = plannedValues[e];
                    if (x <= 0)
                    {
                        bound = k < t.LastChosen ? Deferred : Covered;
                    }
                    else if (x < capValues[e] - 1e-9)
                    {
                        bound = Completing;
                    }
                    else
                    {
                        // One capacity pass serves hours of intervals: its reason is looked up once per pass.
                        if (!ReferenceEquals(_lastCapacity[e], cap))
                        {
                            (_capacityBound[e], _lastCapacity[e]) = (cap.Binding(e), cap);
                        }

                        bound = _capacityBound[e]!;
                    }
                }

                Record(ref t, e, x, bound, from, to, full, startPeriod);
            }

            _plannedCount = kept;

            var finValues = fin.Pass.Fill.Value;
            var (roles, active, lastFinal) = (_roles, _active, _lastFinal);
            var exportPass = _exportPass;
            kept = 0;
            for (var j = 0; j < _activeCount; j++)
            {
                var e = active[j];
                ref var t = ref track[e];
                double x;
                LineageEntry? bound;
                var role = roles[e];
                var present = t.Departure > from;
                if (role == EvseRole.Export && exportPass is not null)
                {
                    x = present ? -exportPass.Fill.Value[e] : 0;
                    bound = present ? Allocator.BindingEntry(exportPass, e, role) : Departed(e);
                }
                else if (!present && role is EvseRole.Import or EvseRole.Stale)
                {
                    x = 0;
                    bound = Departed(e);
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

                Record(ref t, e, x, bound, from, to, full, startPeriod);
            }

            _activeCount = kept;
        }

        /// <summary>Adds the interval's energy and, when value or reason changed, starts a period.</summary>
        /// <param name="bound">Null: the same reason as the interval before.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Record(ref Track t, int e, double x, LineageEntry? bound, long from, long to, double full, int startPeriod)
        {
            if (x > 0)
            {
                t.Energy += x * t.OutputPerUnit * (t.Until >= to ? full : SchedulePlanner.Hours(from, to, _atTicks, t.Until));
            }

            // Rounding is the costly part, and ±0 rounds to itself; a value equal to the last one seen rounds to the
            // same period value, so it is not rounded again.
            var lastBound = _lastBound;
            if (bound is null || (x == t.LastRaw && ReferenceEquals(bound, lastBound[e])))
            {
                return;
            }

            var scaled = x * t.Factor;
            var value = scaled == 0 ? scaled : Math.Round(scaled, 6);
            if (value == t.LastValue && (ReferenceEquals(bound, lastBound[e]) || Equals(bound, lastBound[e])))
            {
                t.LastRaw = x;
                return;
            }

            AddPeriod(e, startPeriod, value, bound);
            (t.LastValue, lastBound[e], t.LastRaw) = (value, bound, x);
        }

        private LineageEntry Departed(int e) => _departed[e] ??= _departures.Entry(_site.Evses[e].Session?.DepartureAt);

        private void AddPeriod(int e, int startPeriod, double value, LineageEntry bound)
        {
            int? numberPhases = _site.IsDc(e) && _site.EvseUnit[e] == ChargingRateUnit.W ? null : _set.ItemPhases[e];
            _periods[e].Add(new SchedulePeriod(startPeriod, value) { NumberPhases = numberPhases, BoundBy = bound });
        }

        public ChargingScheduleResult[] Results()
        {
            var site = _site;
            var n = site.Evses.Length;
            var results = new ChargingScheduleResult[n];
            var horizonSeconds = (int)Math.Round((_end - _at).TotalSeconds);
            for (var e = 0; e < n; e++)
            {
                var evse = site.Evses[e];
                var need = evse.Session?.EnergyNeededWh;
                var energy = _track[e].Energy;
                results[e] = new ChargingScheduleResult(site.EvseIds[e], site.EvseUnit[e], _at, horizonSeconds)
                {
                    ChargerId = site.EvseChargerIds[e],
                    Periods = _periods[e],
                    EnergyNeededWh = _roles[e] == EvseRole.Import ? need : null,
                    EnergyPlannedWh = Math.Round(energy, 3),
                    DepartureAt = evse.Session?.DepartureAt,
                    DeadlineMet = _roles[e] == EvseRole.Import && need is { } wh ? energy >= wh - 1e-3 : null,
                };
            }

            return results;
        }

        public void Release() => ArrayPool<Track>.Shared.Return(_track);
    }
}
