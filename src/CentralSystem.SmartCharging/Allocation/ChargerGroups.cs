namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// EVSEs grouped by their charger (chargers in tree order, EVSEs in input order) with each charger's EVSE ids. The
/// grouping depends on the tree alone, so a prepared site builds it once; the id lists are shared by every result.
/// </summary>
internal sealed class ChargerGroups
{
    private ChargerGroups(int[] chargers, int[] start, int[] members, string[][] ids)
    {
        Chargers = chargers;
        Start = start;
        Members = members;
        EvseIds = ids;
    }

    /// <summary>Node index of each charger that has EVSEs.</summary>
    public int[] Chargers { get; }

    /// <summary>Charger j's EVSEs are <see cref="Members"/>[Start[j] .. Start[j + 1]).</summary>
    public int[] Start { get; }

    public int[] Members { get; }

    public string[][] EvseIds { get; }

    public static ChargerGroups Build(CompiledSite site)
    {
        // Counting sort by charger node.
        var count = new int[site.Nodes.Length + 1];
        foreach (var c in site.EvseCharger)
        {
            if (c >= 0)
            {
                count[c + 1]++;
            }
        }

        for (var v = 0; v < site.Nodes.Length; v++)
        {
            count[v + 1] += count[v];
        }

        var members = new int[count[^1]];
        var next = (int[])count.Clone();
        for (var e = 0; e < site.Evses.Length; e++)
        {
            if (site.EvseCharger[e] is var c and >= 0)
            {
                members[next[c]++] = e;
            }
        }

        var chargers = new List<int>();
        var start = new List<int>();
        var ids = new List<string[]>();
        for (var c = 0; c < site.Nodes.Length; c++)
        {
            if (count[c + 1] == count[c])
            {
                continue;
            }

            chargers.Add(c);
            start.Add(count[c]);
            var group = new string[count[c + 1] - count[c]];
            for (var j = 0; j < group.Length; j++)
            {
                group[j] = site.Evses[members[count[c] + j]].Id;
            }

            ids.Add(group);
        }

        start.Add(members.Length);
        return new ChargerGroups([.. chargers], [.. start], members, [.. ids]);
    }
}
