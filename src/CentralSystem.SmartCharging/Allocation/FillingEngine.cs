using System.Runtime.CompilerServices;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Weighted max-min fair sharing with floors and caps under linear constraints, by event-driven progressive filling.
/// </summary>
/// <remarks>
/// <para>
/// Picture a common water level λ. Every unfrozen item sits at max(floor, weight × λ). Raising λ, three kinds of
/// events happen: an item's weight × λ passes its floor and it starts rising ("activation"), an item reaches its cap,
/// or a constraint fills up, which freezes every rising item in it. Between events all usages are linear in λ, so the
/// level at which constraint k fills is (capacity − fixed usage) / slope — the closed form. We jump from event to
/// event; there are no slices and no round limit, and the result is exact up to floating point.
/// </para>
/// <para>
/// Freezing an item never makes another constraint fill sooner (usage stays continuous, the slope drops), so queue
/// entries for constraints are kept as lower bounds and re-checked when they reach the top ("lazy" updates). Only
/// activations raise slopes; those constraints are re-queued with a new version number, which retires old entries.
/// Cost: O((n + m) log(n + m) + Σ path lengths) for n items and m constraints.
/// </para>
/// </remarks>
internal static class FillingEngine
{
    /// <param name="withUsage">Report each constraint's usage (<see cref="FillingResult.Usage"/>).</param>
    /// <param name="pooled">Rent the result's item arrays (see <see cref="FillingResult"/>); the caller releases it.</param>
    public static FillingResult Solve(FillingProblem p, FillingWorkspace? workspace = null, bool withUsage = true, bool pooled = false)
    {
        if (workspace is null || !workspace.Fits(p.ItemCount, p.ConstraintCount))
        {
            workspace = new FillingWorkspace(p.ItemCount, p.ConstraintCount);
        }
        else
        {
            workspace.Reset();
        }

        return new FillingRun(p, workspace, new FillingResult(p.ItemCount, p.ConstraintCount, withUsage, pooled, workspace.Stock)).Solve();
    }

    /// <summary>
    /// One solve. The state lives in readonly fields, and hot loops copy what they use into locals: captured locals of
    /// local functions would sit in a stack struct reached by reference, which the JIT reloads after every array store.
    /// Per-constraint state is one struct per constraint (<see cref="ConstraintState"/>), reached by reference.
    /// </summary>
    private sealed class FillingRun
    {
        private const byte Floor = 0;
        private const byte Rising = 1;
        private const byte Frozen = 2;
        private const double RelTol = 1e-9;

        private readonly FillingProblem _p;
        private readonly FillingWorkspace _workspace;
        private readonly FillingResult _result;
        private readonly double[] _x;
        private readonly int[] _binding;
        private readonly ConstraintState[] _cons;
        private readonly byte[] _state;
        private readonly int[] _itemStart;
        private readonly int[] _itemCons;
        private readonly double[] _itemCoef;
        private readonly double[] _floor;
        private readonly double[] _cap;
        private readonly double[] _weight;
        private readonly int[] _dirty;
        private int _dirtyCount;
        private int _unfrozen;
        private int _stamp;
        private double _lambda;

        public FillingRun(FillingProblem p, FillingWorkspace workspace, FillingResult result)
        {
            _p = p;
            _workspace = workspace;
            _result = result;
            _x = _result.Value;
            _binding = _result.Binding;
            _cons = workspace.Constraints;
            _state = workspace.State;
            _itemStart = p.ItemStart;
            _itemCons = p.ItemConstraint;
            _itemCoef = p.ItemCoefficient;
            _floor = p.Floor;
            _cap = p.Cap;
            _weight = p.Weight;
            _dirty = workspace.Dirty;
        }

        private static bool IsSorted(double[] values, int count)
        {
            for (var i = 1; i < count; i++)
            {
                if (values[i] < values[i - 1])
                {
                    return false;
                }
            }

            return true;
        }

        public FillingResult Solve()
        {
            var workspace = _workspace;
            var actItems = workspace.ActItems;
            var actLevel = workspace.ActLevel;
            var capHeap = workspace.CapHeap;
            var (actCount, capCount) = SetUp(actItems, actLevel, capHeap);
            var (n, m) = (_p.ItemCount, _p.ConstraintCount);
            var (cons, state, capArr) = (_cons, _state, _cap);

            capHeap.Heapify();
            if (!IsSorted(actLevel, actCount))
            {
                Array.Sort(actLevel, actItems, 0, actCount);
            }

            _unfrozen = capCount;
            // Constraint events: value = version << 32 | constraint; a newer version retires older entries.
            var heap = workspace.ConstraintHeap;
            for (var k = 0; k < m; k++)
            {
                ref var c = ref cons[k];
                if (c.Rising > 0 && double.IsFinite(c.Capacity))
                {
                    heap.AddUnordered(Math.Max(0, (c.Capacity - c.FixedUse) / c.Slope), k);
                }
            }

            heap.Heapify();

            var dirty = _dirty;
            var pa = 0;

            while (_unfrozen > 0)
            {
                while (pa < actCount && state[actItems[pa]] != Floor)
                {
                    pa++;
                }

                while (capHeap.TryPeek(out _, out var top) && state[top] == Frozen)
                {
                    capHeap.Pop();
                }

                var tA = pa < actCount ? actLevel[pa] : double.PositiveInfinity;
                capHeap.TryPeek(out var tC, out var capTopValue);
                var capTop = (int)capTopValue;
                var tK = double.PositiveInfinity;
                var kTop = -1;
                while (heap.TryPeek(out var priority, out var entry))
                {
                    var ek = (int)(entry & 0xFFFFFFFF);
                    ref var c = ref cons[ek];
                    if (c.Saturated || (int)(entry >> 32) != c.Version || c.Rising == 0)
                    {
                        heap.Pop();
                        continue;
                    }

                    tK = priority;
                    kTop = ek;
                    break;
                }

                if (double.IsPositiveInfinity(tA) && double.IsPositiveInfinity(tC) && kTop < 0)
                {
                    break;
                }

                if (tA <= tK && tA <= tC)
                {
                    // Activations: batch those at the same level so each touched constraint is re-queued once.
                    _lambda = Math.Max(_lambda, tA);
                    _stamp++;
                    _dirtyCount = 0;
                    while (pa < actCount && actLevel[pa] <= _lambda * (1 + RelTol))
                    {
                        var i = actItems[pa++];
                        if (state[i] == Floor)
                        {
                            Activate(i);
                        }
                    }

                    var lambda = _lambda;
                    for (var j = 0; j < _dirtyCount; j++)
                    {
                        var k = dirty[j];
                        ref var c = ref cons[k];
                        if (!c.Saturated && c.Rising > 0 && double.IsFinite(c.Capacity))
                        {
                            c.Version++;
                            heap.Push(Math.Max(lambda, (c.Capacity - c.FixedUse) / c.Slope), ((long)c.Version << 32) | (uint)k);
                        }
                    }
                }
                else if (tK <= tC)
                {
                    heap.Pop();
                    ref var c = ref cons[kTop];
                    var actual = (c.Capacity - c.FixedUse) / c.Slope;
                    if (actual > tK + (RelTol * Math.Max(1, Math.Abs(tK))))
                    {
                        // Stale lower bound: freezes since it was queued pushed the fill level further out.
                        heap.Push(actual, ((long)c.Version << 32) | (uint)kTop);
                        continue;
                    }

                    _lambda = Math.Max(_lambda, actual);
                    Saturate(kTop);
                }
                else
                {
                    capHeap.Pop();
                    _lambda = Math.Max(_lambda, tC);
                    if (state[capTop] == Rising)
                    {
                        Freeze(capTop, capArr[capTop], FillingResult.OwnCap);
                    }
                }
            }

            // Anything still unfrozen had no finite cap and no constraint; callers never build such items.
            for (var i = 0; i < n && _unfrozen > 0; i++)
            {
                if (state[i] != Frozen)
                {
                    _x[i] = state[i] == Floor ? _x[i] : capArr[i];
                    _binding[i] = FillingResult.OwnCap;
                }
            }

            // Every item is frozen now, so the running "fixed" sums are the usages (no second pass over the entries).
            var usage = _result.Usage;
            if (usage.Length == m)
            {
                for (var k = 0; k < m; k++)
                {
                    usage[k] = cons[k].FixedUse;
                }
            }

            return _result;
        }

        /// <summary>
        /// Starts every constraint from its capacity and every item at its floor (fixed, waiting for its activation
        /// level, or rising from zero); returns how many items wait for activation and how many may still move. Kept
        /// apart from the event loop: inside it, the path walks ran short of registers and reloaded their arrays on
        /// every step, and they are most of a schedule interval's set-up.
        /// </summary>
        private (int ActCount, int CapCount) SetUp(int[] actItems, double[] actLevel, MinHeap capHeap)
        {
            var cons = _cons;
            var capacity = _p.Capacity;
            for (var k = 0; k < _p.ConstraintCount; k++)
            {
                cons[k] = new ConstraintState { Capacity = capacity[k] };
            }

            var (x, binding, state, itemStart) = (_x, _binding, _state, _itemStart);
            var (floorArr, capArr, weightArr) = (_floor, _cap, _weight);

            // Activations are sorted (usually all equal: everybody's minimum is 6 A, so the check below skips the sort).
            // Cap events go into a heap built in O(n): most items are frozen by a constraint long before their cap, so
            // the heap is rarely drained, and the loop stops as soon as every item is frozen.
            // Items with a zero floor and cap (departed, deferred, idle: most of them in many schedule intervals) end
            // frozen at +0, bound by their own cap, and touch no constraint: set them in bulk, and walk only the others,
            // picked out without a branch per item (which item is zero follows no pattern the CPU could predict).
            var n = _p.ItemCount;
            var live = _workspace.Live;
            var liveCount = 0;
            for (var i = 0; i < n; i++)
            {
                live[liveCount] = i;
                liveCount += (floorArr[i] != 0) | (capArr[i] != 0) ? 1 : 0;
            }

            Array.Fill(state, Frozen, 0, n);
            Array.Clear(x, 0, n);
            Array.Fill(binding, FillingResult.OwnCap, 0, n);

            var actCount = 0;
            var capCount = 0;
            for (var j = 0; j < liveCount; j++)
            {
                var i = live[j];
                var floor = Math.Max(0, floorArr[i]);
                var cap = capArr[i];
                if (cap <= floor * (1 + RelTol) + RelTol)
                {
                    // Nothing to share: the item sits at its floor (or at its cap if that is lower, which admission prevents).
                    var v = Math.Max(0, Math.Min(cap, floor));
                    state[i] = Frozen;
                    x[i] = v;
                    binding[i] = v > 0 && v >= floor ? FillingResult.AtFloor : FillingResult.OwnCap;

                    // A zero item adds +0 to each usage, which changes nothing (usages start at +0), so skip its path:
                    // in schedule passes most items are deferred or departed, and this walk was most of the set-up.
                    if (v != 0)
                    {
                        AddFixed(cons, _itemCons, _itemCoef, itemStart[i], itemStart[i + 1], v);
                    }

                    continue;
                }

                capCount++;
                capHeap.AddUnordered(cap / weightArr[i], i);
                if (floor > 0)
                {
                    state[i] = Floor;
                    x[i] = floor;
                    actItems[actCount] = i;
                    actLevel[actCount++] = floorArr[i] / weightArr[i];
                    AddFixed(cons, _itemCons, _itemCoef, itemStart[i], itemStart[i + 1], floor);
                }
                else
                {
                    state[i] = Rising;
                    AddRising(cons, _itemCons, _itemCoef, itemStart[i], itemStart[i + 1], weightArr[i]);
                }
            }

            return (actCount, capCount);
        }

        /// <summary>Adds coefficient × <paramref name="value"/> to the fixed usage of entries [start, end).</summary>
        /// <remarks>Not inlined: on its own the loop keeps its arrays in registers.</remarks>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void AddFixed(ConstraintState[] cons, int[] itemCons, double[] itemCoef, int start, int end, double value)
        {
            for (var e = start; e < end; e++)
            {
                cons[itemCons[e]].FixedUse += itemCoef[e] * value;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void AddRising(ConstraintState[] cons, int[] itemCons, double[] itemCoef, int start, int end, double weight)
        {
            for (var e = start; e < end; e++)
            {
                ref var c = ref cons[itemCons[e]];
                c.Slope += itemCoef[e] * weight;
                c.Rising++;
            }
        }

        private void Activate(int i)
        {
            var start = _itemStart[i];
            var end = _itemStart[i + 1];
            var full = FirstFull(_cons, _itemCons, start, end, _lambda, out var saturated);
            if (full >= 0)
            {
                if (saturated)
                {
                    // A full constraint: this item can never rise above its floor.
                    _unfrozen--;
                    _state[i] = Frozen;
                    _binding[i] = full;
                }
                else
                {
                    // Filled up at exactly this level: saturate it properly, which also freezes the items already
                    // rising in it (and this one, still at its floor).
                    Saturate(full);
                }

                return;
            }

            _state[i] = Rising;
            _dirtyCount = StartRising(_cons, _itemCons, _itemCoef, start, end, _floor[i], _weight[i], _stamp, _dirty, _dirtyCount);
        }

        /// <summary>
        /// The first constraint on entries [start, end) that is saturated, or full at <paramref name="lambda"/>
        /// (<paramref name="saturated"/> false); -1 when the item may rise.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int FirstFull(ConstraintState[] cons, int[] itemCons, int start, int end, double lambda, out bool saturated)
        {
            for (var e = start; e < end; e++)
            {
                var k = itemCons[e];
                ref var c = ref cons[k];
                if (c.Saturated)
                {
                    saturated = true;
                    return k;
                }

                var capacity = c.Capacity;
                if (double.IsFinite(capacity) && capacity - c.FixedUse - (c.Slope * lambda) <= RelTol * Math.Max(1, Math.Abs(capacity)))
                {
                    saturated = false;
                    return k;
                }
            }

            saturated = false;
            return -1;
        }

        /// <summary>
        /// Moves an item's floor from the fixed usage to the slope of entries [start, end) and marks each constraint for a
        /// re-check once per activation batch; returns the new dirty count.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int StartRising(ConstraintState[] cons, int[] itemCons, double[] itemCoef, int start, int end, double floor, double weight, int stamp, int[] dirty, int dirtyCount)
        {
            for (var e = start; e < end; e++)
            {
                var k = itemCons[e];
                var coef = itemCoef[e];
                ref var c = ref cons[k];
                c.FixedUse -= coef * floor;
                c.Slope += coef * weight;
                c.Rising++;
                if (c.DirtyStamp != stamp)
                {
                    c.DirtyStamp = stamp;
                    dirty[dirtyCount++] = k;
                }
            }

            return dirtyCount;
        }

        private void Saturate(int k)
        {
            _cons[k].Saturated = true;
            var state = _state;
            var items = _p.ConstraintItem;
            var lambda = _lambda;
            for (var e = _p.ConstraintStart[k]; e < _p.ConstraintStart[k + 1]; e++)
            {
                var i = items[e];
                if (state[i] == Rising)
                {
                    Freeze(i, Math.Min(_cap[i], Math.Max(_floor[i], _weight[i] * lambda)), k);
                }
                else if (state[i] == Floor)
                {
                    _unfrozen--;
                    state[i] = Frozen;
                    _binding[i] = k;
                }
            }
        }

        private void Freeze(int i, double value, int by)
        {
            _unfrozen--;
            _state[i] = Frozen;
            _x[i] = value;
            _binding[i] = by;
            StopRising(_cons, _itemCons, _itemCoef, _itemStart[i], _itemStart[i + 1], value, _weight[i]);
        }

        /// <summary>Moves a frozen item's slope on entries [start, end) to the fixed usage at <paramref name="value"/>.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void StopRising(ConstraintState[] cons, int[] itemCons, double[] itemCoef, int start, int end, double value, double weight)
        {
            for (var e = start; e < end; e++)
            {
                var coef = itemCoef[e];
                ref var c = ref cons[itemCons[e]];
                c.FixedUse += coef * value;
                if (--c.Rising == 0)
                {
                    c.Slope = 0;
                }
                else
                {
                    c.Slope -= coef * weight;
                }
            }
        }
    }
}
