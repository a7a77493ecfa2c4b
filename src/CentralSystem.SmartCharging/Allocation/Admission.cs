namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Explicit minimum-current admission: walking the EVSEs in admission order, an EVSE is admitted if its minimum fits
/// in every constraint on its path given the minimums already admitted; otherwise it gets 0 and the constraint that
/// refused it is recorded. Stale EVSEs are reserved first and unconditionally (they may be drawing already).
/// </summary>
/// <remarks>
/// Only "contested" constraints can refuse anybody: those that all the minimums together would overflow. On a typical
/// site that is none or a few, so only the candidates below a contested constraint are ordered and walked, and only on
/// their contested entries. The others are admitted as they would be in any order: a residual is never below
/// capacity − (sum of all minimums), so the check cannot fail on them.
/// </remarks>
internal static class Admission
{
    /// <param name="candidates">Items competing for admission; an item with a zero floor is skipped.</param>
    /// <param name="order">Puts the contested candidates (given in the order of <paramref name="candidates"/>) in admission order.</param>
    /// <param name="demandBound">Optional per-constraint upper bound of <see cref="Demand"/> (a schedule keeps one for all
    /// its intervals): when it overflows nothing, the exact sums are not needed.</param>
    public static void Run(ConstraintSet set, int[] forced, IReadOnlyList<int> candidates, double[] floor, double[] cap, int[] refusedBy, Func<List<int>, IReadOnlyList<int>> order, double[]? demandBound = null)
    {
        var p = set.Problem;
        Array.Fill(refusedBy, -1);
        if ((demandBound is not null && Contested(p, demandBound) is null) || Contested(p, Demand(p, floor)) is not { } contested)
        {
            return;
        }

        var residual = (double[])p.Capacity.Clone();
        foreach (var e in forced)
        {
            Take(e);
        }

        var queue = new List<int>();
        foreach (var e in candidates)
        {
            if (floor[e] > 0 && Touches(e))
            {
                queue.Add(e);
            }
        }

        foreach (var e in order(queue))
        {
            var refused = -1;
            for (var x = p.ItemStart[e]; x < p.ItemStart[e + 1]; x++)
            {
                var k = p.ItemConstraint[x];
                if (!contested[k])
                {
                    continue;
                }

                var need = p.ItemCoefficient[x] * floor[e];
                if (need > residual[k] + Tolerance(p.Capacity[k]))
                {
                    refused = k;
                    break;
                }
            }

            if (refused >= 0)
            {
                refusedBy[e] = refused;
                floor[e] = 0;
                cap[e] = 0;
                continue;
            }

            Take(e);
        }

        bool Touches(int e)
        {
            for (var x = p.ItemStart[e]; x < p.ItemStart[e + 1]; x++)
            {
                if (contested[p.ItemConstraint[x]])
                {
                    return true;
                }
            }

            return false;
        }

        // Residuals of uncontested constraints are never read, so only contested entries are taken.
        void Take(int e)
        {
            for (var x = p.ItemStart[e]; x < p.ItemStart[e + 1]; x++)
            {
                var k = p.ItemConstraint[x];
                if (contested[k])
                {
                    residual[k] -= p.ItemCoefficient[x] * floor[e];
                }
            }
        }
    }

    private static double Tolerance(double capacity) => 1e-9 * Math.Max(1, Math.Abs(capacity));

    /// <summary>
    /// Each constraint's share of every positive floor: at least what forced items and candidates could take together
    /// (summing all floors keeps this one sequential pass and can only over-estimate, which is safe).
    /// </summary>
    public static double[] Demand(FillingProblem p, double[] floor)
    {
        var demand = new double[p.ConstraintCount];
        var itemStart = p.ItemStart;
        var itemCons = p.ItemConstraint;
        var itemCoef = p.ItemCoefficient;
        for (var e = 0; e < p.ItemCount; e++)
        {
            var f = floor[e];
            if (f <= 0)
            {
                continue;
            }

            for (var x = itemStart[e]; x < itemStart[e + 1]; x++)
            {
                demand[itemCons[x]] += itemCoef[x] * f;
            }
        }

        return demand;
    }

    /// <summary>Constraints the <paramref name="demand"/> could overflow, or null when there are none.</summary>
    /// <remarks>
    /// A constraint counts as safe only with half the admission tolerance to spare: the residuals admission computes
    /// differ from these sums by rounding alone (about entries × 1e-16 relative, far below the other half), so a safe
    /// constraint would pass every check it is skipped in.
    /// </remarks>
    private static bool[]? Contested(FillingProblem p, double[] demand)
    {
        bool[]? contested = null;
        for (var k = 0; k < demand.Length; k++)
        {
            if (demand[k] > p.Capacity[k] + (0.5 * Tolerance(p.Capacity[k])))
            {
                (contested ??= new bool[demand.Length])[k] = true;
            }
        }

        return contested;
    }
}
