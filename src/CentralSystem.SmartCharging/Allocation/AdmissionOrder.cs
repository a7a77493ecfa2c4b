namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Who gets a minimum first when not everyone fits: operator priority, then urgency (least laxity: time to departure
/// minus time needed at full rate), then earliest departure, then earliest session start, then EVSE id. Tree order
/// plays no part, unlike EVerest where the first EVSE in the tree wins.
/// </summary>
internal static class AdmissionOrder
{
    public static int[] Sort(CompiledSite site, IReadOnlyList<int> candidates, double[] capW, DateTimeOffset at)
    {
        var n = candidates.Count;
        var priority = new int[n];
        var laxity = new double[n];
        var departure = new long[n];
        var started = new long[n];
        for (var j = 0; j < n; j++)
        {
            var e = candidates[j];
            var s = site.Evses[e].Session;
            priority[j] = s?.Priority ?? 0;
            laxity[j] = Laxity(s?.EnergyNeededWh, s?.DepartureAt, capW[e], at);
            departure[j] = s?.DepartureAt?.UtcTicks ?? long.MaxValue;
            started[j] = s?.StartedAt?.UtcTicks ?? long.MaxValue;
        }

        var order = new int[n];
        for (var j = 0; j < n; j++)
        {
            order[j] = j;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = priority[b].CompareTo(priority[a]);
            if (c != 0)
            {
                return c;
            }

            c = laxity[a].CompareTo(laxity[b]);
            if (c != 0)
            {
                return c;
            }

            c = departure[a].CompareTo(departure[b]);
            if (c != 0)
            {
                return c;
            }

            c = started[a].CompareTo(started[b]);
            return c != 0 ? c : string.CompareOrdinal(site.Evses[candidates[a]].Id, site.Evses[candidates[b]].Id);
        });

        var result = new int[n];
        for (var j = 0; j < n; j++)
        {
            result[j] = candidates[order[j]];
        }

        return result;
    }

    /// <summary>Seconds of slack before departure at full rate; +∞ without an energy need and a departure.</summary>
    public static double Laxity(double? energyWh, DateTimeOffset? departure, double maxW, DateTimeOffset at)
    {
        if (energyWh is not { } wh || departure is not { } dep)
        {
            return double.PositiveInfinity;
        }

        var needed = maxW > 0 ? wh / maxW * 3600 : double.PositiveInfinity;
        return (dep - at).TotalSeconds - needed;
    }
}
