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
        // Fast path: sort by a single double (priority band + laxity) with the primitive sort, then settle runs of
        // equal primary keys (typically sessions without a deadline) with the full comparison. Keys live in parallel
        // arrays: one array of 40-byte key structs would be large-object-heap sized at 10,000 EVSEs.
        var n = candidates.Count;
        var priority = new int[n];
        var laxity = new double[n];
        var departure = new long[n];
        var started = new long[n];
        var primary = new double[n];
        var index = new int[n];
        for (var j = 0; j < n; j++)
        {
            var s = site.Evses[candidates[j]].Session;
            priority[j] = s?.Priority ?? 0;
            laxity[j] = Laxity(s?.EnergyNeededWh, s?.DepartureAt, capW[candidates[j]], at);
            departure[j] = s?.DepartureAt?.UtcTicks ?? long.MaxValue;
            started[j] = s?.StartedAt?.UtcTicks ?? long.MaxValue;
            primary[j] = Band(priority[j], laxity[j]);
            index[j] = j;
        }

        Array.Sort(primary, index);
        Comparison<int>? full = null;
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && primary[end].Equals(primary[start]))
            {
                end++;
            }

            if (end - start > 1)
            {
                full ??= (a, b) =>
                {
                    var c = priority[b].CompareTo(priority[a]);
                    c = c != 0 ? c : laxity[a].CompareTo(laxity[b]);
                    c = c != 0 ? c : departure[a].CompareTo(departure[b]);
                    c = c != 0 ? c : started[a].CompareTo(started[b]);
                    return c != 0 ? c : string.CompareOrdinal(site.Evses[candidates[a]].Id, site.Evses[candidates[b]].Id);
                };
                Array.Sort(index, start, end - start, Comparer<int>.Create(full));
            }

            start = end;
        }

        var ordered = new int[n];
        for (var j = 0; j < n; j++)
        {
            ordered[j] = candidates[index[j]];
        }

        return ordered;
    }

    /// <summary>
    /// Priority and laxity folded into one double that orders like (priority desc, laxity asc): a band per priority
    /// wide enough for any laxity (clamped to ±10^11 s, about 3,000 years), infinite laxity at the top of its band.
    /// </summary>
    private static double Band(int priority, double laxity) => (-(double)priority * 1e12) + Math.Clamp(laxity, -1e11, 1e11 + 1);

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
