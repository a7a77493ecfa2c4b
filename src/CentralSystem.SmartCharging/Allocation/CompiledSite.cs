using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// The site tree flattened into arrays in depth-first preorder, so a subtree is a contiguous index range and
/// "every ancestor" is a parent-pointer walk. Built once per calculation (or once per schedule).
/// </summary>
internal sealed class CompiledSite
{
    private CompiledSite(SiteModel site, GridNode[] nodes, int[] parent, Dictionary<string, int> index, int[] evseNode)
    {
        Site = site;
        Nodes = nodes;
        Parent = parent;
        NodeIndex = index;
        Evses = [.. site.Evses];
        EvseNode = evseNode;
        var n = Evses.Length;
        EvseCharger = new int[n];
        EvseSupply = new SupplyType[n];
        EvseEfficiency = new double[n];
        EvseUnit = new ChargingRateUnit[n];
        EvseRotation = new Phase[]?[n];
        Voltage = site.Settings.NominalVoltageV;
        NodeEnvelopes = new List<OperatingEnvelope>[nodes.Length];
        foreach (var envelope in site.Envelopes)
        {
            var v = index[envelope.NodeId];
            (NodeEnvelopes[v] ??= []).Add(envelope);
        }
    }

    /// <summary>Envelopes targeting each node (null when none).</summary>
    public List<OperatingEnvelope>?[] NodeEnvelopes { get; }

    public SiteModel Site { get; }

    public GridNode[] Nodes { get; }

    public int[] Parent { get; }

    public Dictionary<string, int> NodeIndex { get; }

    public Evse[] Evses { get; }

    public int[] EvseNode { get; }

    /// <summary>Nearest ancestor of kind Charger, or -1.</summary>
    public int[] EvseCharger { get; }

    public SupplyType[] EvseSupply { get; }

    public double[] EvseEfficiency { get; }

    public ChargingRateUnit[] EvseUnit { get; }

    /// <summary>Grid phase of each local EVSE phase (L1, L2, L3 of the EVSE), or null when no rotation is known.</summary>
    public Phase[]?[] EvseRotation { get; }

    public double Voltage { get; }

    public static CompiledSite Compile(SiteModel site)
    {
        SiteValidator.ThrowIfInvalid(site);
        var children = new Dictionary<string, List<GridNode>>(StringComparer.Ordinal);
        GridNode? root = null;
        foreach (var node in site.Nodes)
        {
            if (node.ParentId is null)
            {
                root = node;
                continue;
            }

            if (!children.TryGetValue(node.ParentId, out var list))
            {
                children[node.ParentId] = list = [];
            }

            list.Add(node);
        }

        var ordered = new List<GridNode>(site.Nodes.Count);
        var parents = new List<int>(site.Nodes.Count);
        if (root is not null)
        {
            // Iterative DFS: deep trees must not overflow the stack.
            var stack = new Stack<(GridNode Node, int Parent)>();
            stack.Push((root, -1));
            while (stack.Count > 0)
            {
                var (node, parent) = stack.Pop();
                var me = ordered.Count;
                ordered.Add(node);
                parents.Add(parent);
                if (children.TryGetValue(node.Id, out var kids))
                {
                    for (var c = kids.Count - 1; c >= 0; c--)
                    {
                        stack.Push((kids[c], me));
                    }
                }
            }
        }

        var index = new Dictionary<string, int>(ordered.Count, StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            index[ordered[i].Id] = i;
        }

        var evseNode = new int[site.Evses.Count];
        for (var e = 0; e < evseNode.Length; e++)
        {
            evseNode[e] = index[site.Evses[e].ParentId];
        }

        var compiled = new CompiledSite(site, [.. ordered], [.. parents], index, evseNode);
        compiled.ResolveEvses();
        return compiled;
    }

    private void ResolveEvses()
    {
        var errors = new List<SiteValidationError>();
        for (var e = 0; e < Evses.Length; e++)
        {
            var evse = Evses[e];
            SupplyType? supply = evse.Supply;
            double? efficiency = evse.Efficiency;
            ChargingRateUnit? unit = evse.RateUnit;
            var charger = -1;
            var declared = evse.GridPhases is not null;
            var rotation = evse.GridPhases is { } own ? own.ToArray() : [Phase.L1, Phase.L2, Phase.L3];
            var needed = Math.Max(evse.Phases, evse.CanSwitchPhases ? 3 : 1);
            for (var v = EvseNode[e]; v >= 0; v = Parent[v])
            {
                var node = Nodes[v];
                if (node.Kind == NodeKind.Charger && charger < 0)
                {
                    charger = v;
                    supply ??= node.Supply;
                    efficiency ??= node.Efficiency;
                    unit ??= node.RateUnit;
                }

                if (node.GridPhases is { } map)
                {
                    declared = true;
                    var mapped = new Phase[Math.Min(rotation.Length, needed)];
                    for (var j = 0; j < mapped.Length; j++)
                    {
                        var local = (int)rotation[j];
                        if (local >= map.Count)
                        {
                            errors.Add(new(evse.Id, $"EVSE '{evse.Id}': uses {needed} phase(s) but node '{node.Id}' provides only {map.Count}"));
                            break;
                        }

                        mapped[j] = map[local];
                    }

                    rotation = mapped;
                }
            }

            EvseCharger[e] = charger;
            EvseSupply[e] = supply ?? SupplyType.AC;
            EvseEfficiency[e] = efficiency ?? 1;
            EvseUnit[e] = unit ?? (EvseSupply[e] == SupplyType.DC ? ChargingRateUnit.W : ChargingRateUnit.A);
            EvseRotation[e] = declared && Site.Settings.PhaseAware ? rotation : null;
            if (EvseSupply[e] == SupplyType.DC && evse.MaxPowerW is null && evse.MaxInputCurrentA is null)
            {
                errors.Add(new(evse.Id, $"EVSE '{evse.Id}': a DC EVSE needs maxPowerW or maxInputCurrentA"));
            }
        }

        if (errors.Count > 0)
        {
            throw new SiteValidationException(errors);
        }
    }

    /// <summary>Grid phases an EVSE loads when it uses <paramref name="phases"/> phases: a bit mask (1 = L1, 2 = L2, 4 = L3).</summary>
    public int PhaseMask(int evse, int phases)
    {
        if (EvseSupply[evse] == SupplyType.DC || phases >= 3)
        {
            return 7;
        }

        var rotation = EvseRotation[evse];
        if (rotation is null)
        {
            // Unknown rotation: count the current on every phase (conservative, as EVerest does).
            return 7;
        }

        var mask = 0;
        for (var j = 0; j < phases && j < rotation.Length; j++)
        {
            mask |= 1 << (int)rotation[j];
        }

        return mask;
    }

    public bool IsDc(int evse) => EvseSupply[evse] == SupplyType.DC;

    public bool HasCurrentLimit(int node, bool export) => HasLimit(node, export, current: true);

    public bool HasPowerLimit(int node, bool export) => HasLimit(node, export, current: false);

    private bool HasLimit(int node, bool export, bool current)
    {
        var n = Nodes[node];
        static bool Has(ElectricalLimit l, bool current) => current ? l.CurrentA is not null : l.PowerW is not null;
        if (Has(export ? n.Export : n.Import, current) || (!export && n.SafeImport is { } safe && Has(safe, current)))
        {
            return true;
        }

        if (NodeEnvelopes[node] is { } envelopes)
        {
            foreach (var envelope in envelopes)
            {
                foreach (var block in envelope.Blocks)
                {
                    if (Has(export ? block.Export : block.Import, current))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
