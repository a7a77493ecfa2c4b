namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Who gets a minimum first when not everyone fits: operator priority, then urgency (least laxity: time to departure
/// minus time needed at full rate), then earliest departure, then earliest session start, then EVSE id. Tree order
/// plays no part, unlike EVerest where the first EVSE in the tree wins.
/// </summary>
internal static class AdmissionOrder
{
    /// <summary>The whole sort key in one struct, so the sort compares inline instead of through a delegate.</summary>
    private readonly struct Key(int priority, double laxity, long departure, long started, string id) : IComparable<Key>
    {
        private readonly int _priority = priority;
        private readonly double _laxity = laxity;

        public int Priority => _priority;

        public double Laxity => _laxity;

        private readonly long _departure = departure;
        private readonly long _started = started;
        private readonly string _id = id;

        public int CompareTo(Key other)
        {
            var c = other._priority.CompareTo(_priority);
            if (c != 0)
            {
                return c;
            }

            c = _laxity.CompareTo(other._laxity);
            if (c != 0)
            {
                return c;
            }

            c = _departure.CompareTo(other._departure);
            if (c != 0)
            {
                return c;
            }

            c = _started.CompareTo(other._started);
            return c != 0 ? c : string.CompareOrdinal(_id, other._id);
        }
    }

    public static int[] Sort(CompiledSite site, IReadOnlyList<int> candidates, double[] capW, DateTimeOffset at)
    {
        // Fast path: sort by a single double (priority band + laxity) with the primitive sort, then settle runs of
        // equal primary keys (typically sessions without a deadline) with the full comparison.
        var n = candidates.Count;
        var primary = new double[n];
        var keys = new Key[n];
        var result = new int[n];
        for (var j = 0; j < n; j++)
        {
            var e = candidates[j];
            var evse = site.Evses[e];
            var s = evse.Session;
            var priority = s?.Priority ?? 0;
            var laxity = Laxity(s?.EnergyNeededWh, s?.DepartureAt, capW[e], at);
            keys[j] = new Key(priority, laxity, s?.DepartureAt?.UtcTicks ?? long.MaxValue, s?.StartedAt?.UtcTicks ?? long.MaxValue, evse.Id);
            result[j] = e;
        }

        var index = new int[n];
        for (var j = 0; j < n; j++)
        {
            index[j] = j;
            primary[j] = Band(keys[j]);
        }

        Array.Sort(primary, index);
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && primary[end].Equals(primary[start]))
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(index, start, end - start, Comparer<int>.Create((a, b) => keys[a].CompareTo(keys[b])));
            }

            start = end;
        }

        var ordered = new int[n];
        for (var j = 0; j < n; j++)
        {
            ordered[j] = result[index[j]];
        }

        return ordered;
    }

    /// <summary>
    /// Priority and laxity folded into one double that orders like (priority desc, laxity asc): a band per priority
    /// wide enough for any laxity (clamped to ±10^11 s, about 3,000 years), infinite laxity at the top of its band.
    /// </summary>
    private static double Band(Key key) => (-(double)key.Priority * 1e12) + Math.Clamp(key.Laxity, -1e11, 1e11 + 1);

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
