namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Explicit minimum-current admission: walking the EVSEs in admission order, an EVSE is admitted if its minimum fits
/// in every constraint on its path given the minimums already admitted; otherwise it gets 0 and the constraint that
/// refused it is recorded. Stale EVSEs are reserved first and unconditionally (they may be drawing already).
/// </summary>
internal static class Admission
{
    public static void Run(ConstraintSet set, int[] forced, int[] order, double[] floor, double[] cap, int[] refusedBy)
    {
        var p = set.Problem;
        var residual = (double[])p.Capacity.Clone();
        Array.Fill(refusedBy, -1);
        foreach (var e in forced)
        {
            Take(e);
        }

        foreach (var e in order)
        {
            if (floor[e] <= 0)
            {
                continue;
            }

            var refused = -1;
            for (var x = p.ItemStart[e]; x < p.ItemStart[e + 1]; x++)
            {
                var k = p.ItemConstraint[x];
                var need = p.ItemCoefficient[x] * floor[e];
                if (need > residual[k] + (1e-9 * Math.Max(1, Math.Abs(p.Capacity[k]))))
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

        void Take(int e)
        {
            for (var x = p.ItemStart[e]; x < p.ItemStart[e + 1]; x++)
            {
                residual[p.ItemConstraint[x]] -= p.ItemCoefficient[x] * floor[e];
            }
        }
    }
}
