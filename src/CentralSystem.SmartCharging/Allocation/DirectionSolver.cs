using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>Capacities from limits and fixed load, then admission, then fair filling — for one direction.</summary>
internal static class DirectionSolver
{
    public static DirectionPass Solve(
        CompiledSite site,
        bool export,
        int[] phases,
        EvseRole[] roles,
        NodeLimitTable limits,
        double[] fixedA,
        double[] fixedW,
        DateTimeOffset at)
    {
        var set = ConstraintSet.Acquire(site, export, phases);
        var sources = SetCapacities(set, limits, fixedA, fixedW);
        var p = set.Problem;
        var n = p.ItemCount;
        var bounds = new BoundsTable(n);
        var refused = new int[n];
        var forced = new List<int>();
        var candidates = new List<int>();
        var mine = export ? EvseRole.Export : EvseRole.Import;
        for (var e = 0; e < n; e++)
        {
            var role = roles[e] == mine || (!export && roles[e] == EvseRole.Stale) ? roles[e] : EvseRole.Idle;
            var b = ItemBounds.Compute(site, e, phases[e], role, at);
            bounds[e] = b;
            p.Floor[e] = b.Floor;
            p.Cap[e] = b.Cap;
            p.Weight[e] = b.Weight;
            if (role == EvseRole.Stale)
            {
                forced.Add(e);
            }
            else if (role != EvseRole.Idle && b.Cap < b.Floor)
            {
                p.Floor[e] = 0;
                p.Cap[e] = 0;
            }
            else if (b.Floor > 0)
            {
                candidates.Add(e);
            }
        }

        // A kept set has the hardware minimums summed already: without stale EVSEs nobody reserves more than those.
        var demandBound = forced.Count == 0 && set.IsKept ? set.MinimumDemand() : null;
        Admission.Run(set, [.. forced], candidates, p.Floor, p.Cap, refused, contested => AdmissionOrder.Sort(site, contested, CapW(), at), demandBound);
        for (var e = 0; e < n; e++)
        {
            var role = roles[e];
            if (role == mine && bounds.Cap(e) < bounds.Floor(e))
            {
                refused[e] = DirectionPass.OwnLimitBelowMinimum;
            }
        }

        var fill = FillingEngine.Solve(p, site.Workspace(p.ItemCount, p.ConstraintCount));
        return new DirectionPass
        {
            Set = set,
            Fill = fill,
            Bounds = bounds,
            RefusedBy = refused,
            ConstraintSource = sources,
            Limits = limits,
            AdmissionOrder = new Lazy<int[]>(() => AdmissionOrder.Sort(site, candidates, CapW(), at), LazyThreadSafetyMode.None),
        };

        // Each EVSE's maximum in grid-side watts, for the urgency key; only needed when somebody has to be ordered.
        double[] CapW()
        {
            var capW = new double[n];
            for (var e = 0; e < n; e++)
            {
                capW[e] = bounds.Cap(e) * set.PowerPerUnit(e);
            }

            return capW;
        }
    }

    /// <summary>Capacity of each constraint = node limit − fixed load below the node; returns the source of each limit.</summary>
    public static LineageEntry?[] SetCapacities(ConstraintSet set, NodeLimitTable limits, double[] fixedA, double[] fixedW)
    {
        var p = set.Problem;
        var sources = new LineageEntry?[p.ConstraintCount];
        for (var k = 0; k < p.ConstraintCount; k++)
        {
            var v = set.ConstraintNode[k];
            var limit = limits[v];
            var res = set.ConstraintResource[k];
            if (res == Resource.Power)
            {
                p.Capacity[k] = limit.PowerW is { } w ? w - fixedW[v] : double.PositiveInfinity;
                sources[k] = limit.PowerSource;
                continue;
            }

            if (limit.CurrentA is not { } a)
            {
                p.Capacity[k] = double.PositiveInfinity;
                sources[k] = null;
                continue;
            }

            var source = limit.CurrentSource;
            if (res == Resource.AllPhases)
            {
                // All items load every phase equally, so the phase with the most fixed load binds.
                var worst = 0;
                for (var ph = 1; ph < 3; ph++)
                {
                    if (fixedA[(v * 3) + ph] > fixedA[(v * 3) + worst])
                    {
                        worst = ph;
                    }
                }

                p.Capacity[k] = a - fixedA[(v * 3) + worst];
            }
            else
            {
                var ph = (int)res;
                p.Capacity[k] = a - fixedA[(v * 3) + ph];
                source = source is null ? null : set.PhasedSource(k, source, (Phase)ph);
            }

            sources[k] = source;
        }

        return sources;
    }
}
