using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Measured load above an effective node limit. A node meter is authoritative; a node without a meter is checked
/// against the sum of fresh measurements below it (EVSEs and site loads), which can only under-estimate, so a
/// breach found that way is real.
/// </summary>
internal static class BreachDetector
{
    private const double Tolerance = 1e-6;

    public static IReadOnlyList<BreachEvent> Detect(CompiledSite site, SiteConditions conditions, NodeLimitTable limits, DateTimeOffset at)
    {
        var breaches = new List<BreachEvent>();
        var maxAge = site.Site.Settings.TelemetryMaxAge;
        var metered = new bool[site.Nodes.Length];
        foreach (var meter in site.Site.Meters)
        {
            var v = site.NodeOf(meter.NodeId);
            if (SiteConditions.IsStale(meter.MeasuredAt, at, maxAge))
            {
                continue;
            }

            metered[v] = true;
            Check(breaches, site.Nodes[v].Id, limits[v], meter.CurrentA, meter.PowerW, meter.Id, meter.MeasuredAt);
        }

        // Derived sums of fresh measurements, per node and grid phase.
        var sumA = SiteConditions.RentPhaseBuffer(site.Nodes.Length);
        try
        {
            DetectDerived(site, conditions, limits, at, breaches, metered, sumA);
        }
        finally
        {
            SiteConditions.ReturnPhaseBuffer(sumA);
        }

        return breaches;
    }

    private static void DetectDerived(CompiledSite site, SiteConditions conditions, NodeLimitTable limits, DateTimeOffset at, List<BreachEvent> breaches, bool[] metered, double[] sumA)
    {
        var maxAge = site.Site.Settings.TelemetryMaxAge;
        var nodeCount = site.Nodes.Length;
        var sumW = new double[nodeCount];
        var has = new bool[nodeCount];
        var voltage = site.Voltage;
        for (var e = 0; e < site.Evses.Length; e++)
        {
            if (!conditions.Inputs.Measured(e) || conditions.StaleEvses[e])
            {
                continue;
            }

            var t = site.Evses[e].Telemetry!;

            var v = site.EvseNode[e];
            has[v] = true;
            var dc = site.IsDc(e);
            var eff = site.EvseEfficiency[e];
            var rotation = site.EvseRotation[e];
            if (t.CurrentA is { } amps && !dc)
            {
                for (var j = 0; j < 3; j++)
                {
                    // Unknown rotation: assume the EVSE's L1 is the grid's L1.
                    var grid = rotation is not null && j < rotation.Length ? (int)rotation[j] : j;
                    sumA[(v * 3) + grid] += amps[(Phase)j];
                }
            }
            else if (t.PowerW is { } pw)
            {
                var input = dc ? pw / eff : pw;
                for (var ph = 0; ph < 3; ph++)
                {
                    sumA[(v * 3) + ph] += input / (3 * voltage);
                }
            }

            sumW[v] += t.PowerW is { } w ? (dc ? w / eff : w) : voltage * (t.CurrentA?.Sum ?? 0);
        }

        foreach (var load in site.Site.SiteLoads)
        {
            if (load.MeasuredCurrentA is null && load.MeasuredPowerW is null || SiteConditions.IsStale(load.MeasuredAt, at, maxAge))
            {
                continue;
            }

            var v = site.NodeOf(load.NodeId);
            has[v] = true;
            var a = load.MeasuredCurrentA ?? PhaseValues.Uniform((load.MeasuredPowerW ?? 0) / (3 * voltage));
            sumA[v * 3] += a.L1;
            sumA[(v * 3) + 1] += a.L2;
            sumA[(v * 3) + 2] += a.L3;
            sumW[v] += load.MeasuredPowerW ?? (voltage * a.Sum);
        }

        for (var v = nodeCount - 1; v > 0; v--)
        {
            has[site.Parent[v]] |= has[v];
        }

        SiteConditions.SubtreeSums(site, sumA, sumW);
        for (var v = 0; v < nodeCount; v++)
        {
            if (!metered[v] && has[v])
            {
                var a = new PhaseValues(sumA[v * 3], sumA[(v * 3) + 1], sumA[(v * 3) + 2]);
                Check(breaches, site.Nodes[v].Id, limits[v], a, sumW[v], "sum", null);
            }
        }

    }

    private static void Check(List<BreachEvent> breaches, string node, NodeLimit limit, PhaseValues? amps, double? watts, string by, DateTimeOffset? at)
    {
        if (limit.CurrentA is { } la && amps is { } a)
        {
            for (var ph = 0; ph < 3; ph++)
            {
                var measured = a[(Phase)ph];
                if (measured > la + (Tolerance * Math.Max(1, la)))
                {
                    breaches.Add(new BreachEvent(node, ChargingRateUnit.A, measured, la)
                    {
                        Phase = (Phase)ph,
                        MeasuredBy = by,
                        MeasuredAt = at,
                        LimitSource = limit.CurrentSource,
                    });
                }
            }
        }

        if (limit.PowerW is { } lw && watts is { } w && w > lw + (Tolerance * Math.Max(1, lw)))
        {
            breaches.Add(new BreachEvent(node, ChargingRateUnit.W, w, lw)
            {
                MeasuredBy = by,
                MeasuredAt = at,
                LimitSource = limit.PowerSource,
            });
        }
    }
}
