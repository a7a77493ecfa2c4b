namespace CentralSystem.SmartCharging.Topology;

/// <summary>
/// Ids resolved to positions once (validation and compilation share it): node id → position in
/// <see cref="SiteModel.Nodes"/>, each node's parent position and each EVSE's parent position (-1 when unknown).
/// </summary>
internal sealed class SiteIndex
{
    public SiteIndex(SiteModel site)
    {
        var nodes = site.Nodes;
        NodeIndex = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
        IsDuplicate = new bool[nodes.Count];
        for (var v = 0; v < nodes.Count; v++)
        {
            var id = nodes[v].Id;
            if (string.IsNullOrWhiteSpace(id))
            {
                IsDuplicate[v] = true;
                continue;
            }

            if (!NodeIndex.TryAdd(id, v))
            {
                IsDuplicate[v] = true;
                DuplicateNodes.Add(id);
            }
        }

        Parent = new int[nodes.Count];
        for (var v = 0; v < nodes.Count; v++)
        {
            Parent[v] = nodes[v].ParentId is { } p && NodeIndex.TryGetValue(p, out var pi) ? pi : -1;
        }

        EvseParent = new int[site.Evses.Count];
        for (var e = 0; e < EvseParent.Length; e++)
        {
            EvseParent[e] = site.Evses[e].ParentId is { } p && NodeIndex.TryGetValue(p, out var pi) ? pi : -1;
        }
    }

    public Dictionary<string, int> NodeIndex { get; }

    public bool[] IsDuplicate { get; }

    public List<string> DuplicateNodes { get; } = [];

    public int[] Parent { get; }

    public int[] EvseParent { get; }
}
