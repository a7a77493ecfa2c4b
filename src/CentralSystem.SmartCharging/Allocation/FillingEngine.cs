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
    private const byte Floor = 0;
    private const byte Rising = 1;
    private const byte Frozen = 2;
    private const double RelTol = 1e-9;

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

    public static FillingResult Solve(FillingProblem p, FillingWorkspace? workspace = null)
    {
        var n = p.ItemCount;
        var m = p.ConstraintCount;
        if (workspace is null || !workspace.Fits(n, m))
        {
            workspace = new FillingWorkspace(n, m);
        }
        else
        {
            workspace.Reset();
        }

        var result = new FillingResult(n, m);
        var x = result.Value;
        var binding = result.Binding;
        var sat = result.Saturated;
        var fixedUse = workspace.FixedUse;
        var slope = workspace.Slope;
        var rising = workspace.Rising;
        var version = workspace.Version;
        var state = workspace.State;
        var itemStart = p.ItemStart;
        var itemCons = p.ItemConstraint;
        var itemCoef = p.ItemCoefficient;
        var capacity = p.Capacity;
        var floorArr = p.Floor;
        var capArr = p.Cap;
        var weightArr = p.Weight;

        var actCount = 0;
        var capCount = 0;
        for (var i = 0; i < n; i++)
        {
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
                if (v == 0)
                {
                    continue;
                }

                for (var e = itemStart[i]; e < itemStart[i + 1]; e++)
                {
                    fixedUse[itemCons[e]] += itemCoef[e] * v;
                }

                continue;
            }

            capCount++;
            if (floor > 0)
            {
                state[i] = Floor;
                x[i] = floor;
                actCount++;
                for (var e = itemStart[i]; e < itemStart[i + 1]; e++)
                {
                    fixedUse[itemCons[e]] += itemCoef[e] * floor;
                }
            }
            else
            {
                state[i] = Rising;
                for (var e = itemStart[i]; e < itemStart[i + 1]; e++)
                {
                    var k = itemCons[e];
                    slope[k] += itemCoef[e] * weightArr[i];
                    rising[k]++;
                }
            }
        }

        // Activations are sorted (usually all equal: everybody's minimum is 6 A, so the check below skips the sort).
        // Cap events go into a heap built in O(n): most items are frozen by a constraint long before their cap, so
        // the heap is rarely drained, and the loop stops as soon as every item is frozen.
        var actItems = workspace.ActItems;
        var actLevel = workspace.ActLevel;
        var capHeap = workspace.CapHeap;
        for (int i = 0, a = 0; i < n; i++)
        {
            if (state[i] == Frozen)
            {
                continue;
            }

            capHeap.AddUnordered(capArr[i] / weightArr[i], i);
            if (state[i] == Floor)
            {
                actItems[a] = i;
                actLevel[a++] = floorArr[i] / weightArr[i];
            }
        }

        capHeap.Heapify();
        if (!IsSorted(actLevel, actCount))
        {
            Array.Sort(actLevel, actItems, 0, actCount);
        }

        var unfrozen = capCount;
        // Constraint events: value = version << 32 | constraint; a newer version retires older entries.
        var heap = workspace.ConstraintHeap;
        for (var k = 0; k < m; k++)
        {
            if (rising[k] > 0 && double.IsFinite(capacity[k]))
            {
                heap.AddUnordered(Math.Max(0, (capacity[k] - fixedUse[k]) / slope[k]), k);
            }
        }

        heap.Heapify();

        var dirtyStamp = workspace.DirtyStamp;
        var dirty = workspace.Dirty;
        var stamp = 0;
        var lambda = 0.0;
        var pa = 0;

        while (unfrozen > 0)
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
                if (sat[ek] || (int)(entry >> 32) != version[ek] || rising[ek] == 0)
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
                lambda = Math.Max(lambda, tA);
                stamp++;
                dirty.Clear();
                while (pa < actCount && actLevel[pa] <= lambda * (1 + RelTol))
                {
                    var i = actItems[pa++];
                    if (state[i] == Floor)
                    {
                        Activate(i);
                    }
                }

                foreach (var k in dirty)
                {
                    if (!sat[k] && rising[k] > 0 && double.IsFinite(capacity[k]))
                    {
                        version[k]++;
                        heap.Push(Math.Max(lambda, (capacity[k] - fixedUse[k]) / slope[k]), ((long)version[k] << 32) | (uint)k);
                    }
                }
            }
            else if (tK <= tC)
            {
                heap.Pop();
                var actual = (capacity[kTop] - fixedUse[kTop]) / slope[kTop];
                if (actual > tK + (RelTol * Math.Max(1, Math.Abs(tK))))
                {
                    // Stale lower bound: freezes since it was queued pushed the fill level further out.
                    heap.Push(actual, ((long)version[kTop] << 32) | (uint)kTop);
                    continue;
                }

                lambda = Math.Max(lambda, actual);
                Saturate(kTop);
            }
            else
            {
                capHeap.Pop();
                lambda = Math.Max(lambda, tC);
                if (state[capTop] == Rising)
                {
                    Freeze(capTop, capArr[capTop], FillingResult.OwnCap);
                }
            }
        }

        // Anything still unfrozen had no finite cap and no constraint; callers never build such items.
        for (var i = 0; i < n; i++)
        {
            if (state[i] != Frozen)
            {
                x[i] = state[i] == Floor ? x[i] : capArr[i];
                binding[i] = FillingResult.OwnCap;
            }
        }

        // Every item is frozen now, so the running "fixed" sums are the usages (no second pass over the entries).
        Array.Copy(fixedUse, result.Usage, m);

        return result;

        void Activate(int i)
        {
            var floor = floorArr[i];
            for (var e = itemStart[i]; e < itemStart[i + 1]; e++)
            {
                var k = itemCons[e];
                if (sat[k])
                {
                    // A full constraint: this item can never rise above its floor.
                    unfrozen--;
                    state[i] = Frozen;
                    binding[i] = k;
                    return;
                }

                if (double.IsFinite(capacity[k]) && capacity[k] - fixedUse[k] - (slope[k] * lambda) <= RelTol * Math.Max(1, Math.Abs(capacity[k])))
                {
                    // Filled up at exactly this level: saturate it properly, which also freezes the items already
                    // rising in it (and this one, still at its floor).
                    Saturate(k);
                    return;
                }
            }

            state[i] = Rising;
            var w = weightArr[i];
            for (var e = itemStart[i]; e < itemStart[i + 1]; e++)
            {
                var k = itemCons[e];
                fixedUse[k] -= itemCoef[e] * floor;
                slope[k] += itemCoef[e] * w;
                rising[k]++;
                if (dirtyStamp[k] != stamp)
                {
                    dirtyStamp[k] = stamp;
                    dirty.Add(k);
                }
            }
        }

        void Saturate(int k)
        {
            sat[k] = true;
            for (var e = p.ConstraintStart[k]; e < p.ConstraintStart[k + 1]; e++)
            {
                var i = p.ConstraintItem[e];
                if (state[i] == Rising)
                {
                    Freeze(i, Math.Min(capArr[i], Math.Max(floorArr[i], weightArr[i] * lambda)), k);
                }
                else if (state[i] == Floor)
                {
                    unfrozen--;
                    state[i] = Frozen;
                    binding[i] = k;
                }
            }
        }

        void Freeze(int i, double value, int by)
        {
            unfrozen--;
            state[i] = Frozen;
            x[i] = value;
            binding[i] = by;
            var w = weightArr[i];
            for (var e = itemStart[i]; e < itemStart[i + 1]; e++)
            {
                var k = itemCons[e];
                fixedUse[k] += itemCoef[e] * value;
                if (--rising[k] == 0)
                {
                    slope[k] = 0;
                }
                else
                {
                    slope[k] -= itemCoef[e] * w;
                }
            }
        }
    }
}
