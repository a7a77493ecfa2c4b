using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// The site tree flattened into arrays in depth-first preorder, so a subtree is a contiguous index range and
/// "every ancestor" is a parent-pointer walk. Built once per calculation (or once per schedule).
/// </summary>
internal sealed class CompiledSite
{
    private readonly Dictionary<string, int> _inputIndex;
    private readonly int[] _position;

    private CompiledSite(SiteModel site, GridNode[] nodes, int[] parent, Dictionary<string, int> inputIndex, int[] position, int[] evseNode)
    {
        Site = site;
        Nodes = nodes;
        Parent = parent;
        _inputIndex = inputIndex;
        _position = position;
        Evses = [.. site.Evses];
        EvseNode = evseNode;
        var n = Evses.Length;
        EvseCharger = new int[n];
        EvseIds = new string[n];
        EvseChargerIds = new string?[n];
        EvseSupply = new SupplyType[n];
        EvseEfficiency = new double[n];
        EvseUnit = new ChargingRateUnit[n];
        EvseRotation = new Phase[]?[n];
        Voltage = site.Settings.NominalVoltageV;
        _limitEntries = new LineageEntry?[]?[4];
        NodeEnvelopes = GroupEnvelopes(site);
        MinimumsKey = new object();
    }

    /// <summary>The same tree and EVSE hardware as <paramref name="prepared"/>, with the live inputs of <paramref name="live"/>.</summary>
    private CompiledSite(CompiledSite prepared, SiteModel live, Dictionary<string, int> inputIndex, bool sameMinimums)
    {
        Site = live;
        Nodes = prepared.Nodes;
        Parent = prepared.Parent;
        _inputIndex = inputIndex;
        _position = prepared._position;
        Evses = [.. live.Evses];
        EvseNode = prepared.EvseNode;
        EvseCharger = prepared.EvseCharger;
        EvseIds = prepared.EvseIds;
        EvseChargerIds = prepared.EvseChargerIds;
        EvseSupply = prepared.EvseSupply;
        EvseEfficiency = prepared.EvseEfficiency;
        EvseUnit = prepared.EvseUnit;
        EvseRotation = prepared.EvseRotation;
        Voltage = prepared.Voltage;

        // Static-limit lineage entries depend on the nodes only, so they carry over; envelope entries are keyed by
        // envelope instance and start afresh (old envelopes must not be kept alive by a long-running dispatcher).
        _limitEntries = prepared._limitEntries;
        _capEntries = prepared._capEntries;
        _keptBounds = prepared._keptBounds;
        _keptResults = prepared._keptResults;
        _evseInputs = prepared._evseInputs;
        _evseLineage = prepared._evseLineage;
        _nodeLineage = prepared._nodeLineage;
        _chargerGroups = prepared._chargerGroups;
        _importSet = prepared._importSet;
        _workspace = prepared._workspace;
        NodeEnvelopes = GroupEnvelopes(live);
        MinimumsKey = sameMinimums ? prepared.MinimumsKey : new object();
    }

    /// <summary>
    /// Stands for the EVSE minimums (minimum current and power) the site was compiled or rebound with: a rebound site
    /// whose minimums are bit for bit the prepared site's shares its key, so what depends on nothing else
    /// (<see cref="ConstraintSet.MinimumDemand"/>) carries over instead of being summed again for every new set of
    /// live inputs.
    /// </summary>
    public object MinimumsKey { get; }

    private List<OperatingEnvelope>?[] GroupEnvelopes(SiteModel site)
    {
        var groups = new List<OperatingEnvelope>?[Nodes.Length];
        foreach (var envelope in site.Envelopes)
        {
            var v = NodeOf(envelope.NodeId);
            (groups[v] ??= []).Add(envelope);
        }

        return groups;
    }

    /// <summary>
    /// This compiled tree bound to <paramref name="live"/> when it has this site's settings, tree and EVSE hardware and
    /// its live inputs are valid; null otherwise (the caller compiles afresh, which validates in full and reports every
    /// error). The tree, id and parent checks of full validation would only repeat this (valid) site's answer, and their
    /// string hashes were most of the cost of rebinding ten thousand EVSEs; the node index carries over for the same
    /// reason.
    /// </summary>
    public CompiledSite? TryRebind(SiteModel live)
    {
        var old = Site;
        if (!Equals(old.Settings, live.Settings) || old.Nodes.Count != live.Nodes.Count || Evses.Length != live.Evses.Count)
        {
            return null;
        }

        for (var v = 0; v < old.Nodes.Count; v++)
        {
            if (!ReferenceEquals(old.Nodes[v], live.Nodes[v]) && !Equals(old.Nodes[v], live.Nodes[v]))
            {
                return null;
            }
        }

        // Hardware comparison and live-input checks in one walk: each new EVSE record is a cache miss, so it is read
        // once for both rather than once per check.
        var errors = new List<SiteValidationError>();
        var evses = live.Evses;
        var sameMinimums = true;
        for (var e = 0; e < Evses.Length; e++)
        {
            var kept = Evses[e];
            var evse = evses[e];
            if (!SameHardware(kept, evse))
            {
                return null;
            }

            sameMinimums &= KeptResults.Same(kept.MinCurrentA, evse.MinCurrentA) && KeptResults.Same(kept.MinPowerW, evse.MinPowerW);
            SiteValidator.CheckEvse(errors, evse);
        }

        SiteValidator.CheckSiteRecords(errors, live, _inputIndex);
        return errors.Count == 0 ? new CompiledSite(this, live, _inputIndex, sameMinimums) : null;
    }

    /// <summary>Exactly the EVSE fields compilation reads (sessions, telemetry and phase state are live inputs).</summary>
    private static bool SameHardware(Evse a, Evse b) =>
        ReferenceEquals(a, b)
        || (a.Id == b.Id
            && a.ParentId == b.ParentId
            && a.Supply == b.Supply
            && a.Phases == b.Phases
            && ReferenceEquals(a.GridPhases, b.GridPhases)
            && a.CanSwitchPhases == b.CanSwitchPhases
            && a.Efficiency.Equals(b.Efficiency)
            && a.RateUnit == b.RateUnit
            && a.MaxPowerW.Equals(b.MaxPowerW)
            && a.MaxInputCurrentA.Equals(b.MaxInputCurrentA));

    private readonly LineageEntry?[]?[] _limitEntries;

    private LineageEntry?[]? _capEntries;

    private KeptBounds? _keptBounds;

    /// <summary>Per-EVSE bounds of the last calculation (null until <see cref="EnableReuse"/>).</summary>
    public KeptBounds? KeptBounds => _keptBounds;

    private KeptResults? _keptResults;

    private EvseInputs? _evseInputs;

    /// <summary>
    /// What this calculation reads from the EVSE records: a prepared site's kept copy brought up to date (records that are
    /// the same instance as last time are not read again), otherwise read afresh.
    /// </summary>
    public EvseInputs ReadEvseInputs()
    {
        var inputs = _evseInputs ?? new EvseInputs(Evses.Length);
        inputs.Refresh(this);
        return inputs;
    }

    /// <summary>Result records of the last calculation, handed out again while unchanged (null until <see cref="EnableReuse"/>).</summary>
    public KeptResults? KeptResults => _keptResults;

    /// <summary>
    /// Per-EVSE cap lineage entry of the last calculation, reused while it says the same thing (null until
    /// <see cref="EnableReuse"/>): a prepared site would otherwise allocate one entry per EVSE per call.
    /// </summary>
    public LineageEntry?[]? CapEntries => _capEntries;

    private LineageArrays? _evseLineage;
    private LineageArrays? _nodeLineage;

    /// <summary>Lineage arrays of the last calculation per EVSE (null until <see cref="EnableReuse"/>).</summary>
    public LineageArrays? EvseLineage => _evseLineage;

    /// <summary>Limit-source arrays of the last calculation per node (null until <see cref="EnableReuse"/>).</summary>
    public LineageArrays? NodeLineage => _nodeLineage;

    /// <summary>
    /// The kept import set, in a holder shared with every site rebound from this one: a dispatcher rebinds its prepared
    /// site on each run, and a set moved to the rebound site would be rebuilt on the next rebind from the original.
    /// </summary>
    private readonly KeptImportSet _importSet = new();

    private sealed class KeptImportSet
    {
        public ConstraintSet? Set;
    }

    /// <summary>Keeps per-EVSE entries and the import constraint set between calculations (prepared sites only).</summary>
    public void EnableReuse()
    {
        _capEntries ??= new LineageEntry?[Evses.Length];
        _keptBounds ??= new KeptBounds(Evses.Length);
        _keptResults ??= new KeptResults(Evses.Length, ChargerGroups.Chargers.Length, Nodes.Length);
        _evseInputs ??= new EvseInputs(Evses.Length);
        _evseLineage ??= new LineageArrays(Evses.Length);
        _nodeLineage ??= new LineageArrays(Nodes.Length);
    }

    private ChargerGroups? _chargerGroups;

    /// <summary>EVSEs grouped by charger; depends on the tree only, so it is built once and kept by rebound sites.</summary>
    public ChargerGroups ChargerGroups => _chargerGroups ??= ChargerGroups.Build(this);

    public bool ReusesSets => _capEntries is not null;

    /// <summary>Takes the kept import constraint set (null when none); the caller gives it back with <see cref="ReturnImportSet"/>.</summary>
    public ConstraintSet? TakeImportSet() => Interlocked.Exchange(ref _importSet.Set, null);

    public void ReturnImportSet(ConstraintSet set) => _importSet.Set = set;

    private FillingWorkspace? _workspace;

    /// <summary>The filling engine's scratch arrays, kept by a prepared site (null otherwise: the engine allocates).</summary>
    public FillingWorkspace? Workspace(int items, int constraints)
    {
        if (!ReusesSets)
        {
            return null;
        }

        if (_workspace is null || !_workspace.Fits(items, constraints))
        {
            _workspace = new FillingWorkspace(items, constraints, keepResults: true);
        }

        return _workspace;
    }

    /// <summary>
    /// Cached static-limit lineage entries for one variant (export × 2 + safe), indexed [node * 2 + (W ? 1 : 0)];
    /// created on first use so a calculation allocates only the variants it needs.
    /// </summary>
    public LineageEntry?[] LimitEntryCache(int variant) => _limitEntries[variant] ??= new LineageEntry?[Nodes.Length * 2];

    private readonly Dictionary<(OperatingEnvelope, int, bool, ChargingRateUnit), LineageEntry> _envelopeEntries = [];

    /// <summary>The (cached) lineage entry for one block of an envelope.</summary>
    public LineageEntry EnvelopeEntry(OperatingEnvelope envelope, int block, bool export, ChargingRateUnit unit, Func<LineageEntry> create)
    {
        var key = (envelope, block, export, unit);
        if (!_envelopeEntries.TryGetValue(key, out var entry))
        {
            _envelopeEntries[key] = entry = create();
        }

        return entry;
    }

    /// <summary>Envelopes targeting each node (null when none).</summary>
    public List<OperatingEnvelope>?[] NodeEnvelopes { get; }

    public SiteModel Site { get; }

    public GridNode[] Nodes { get; }

    public int[] Parent { get; }

    /// <summary>Preorder index of a node id (ids were checked by validation).</summary>
    public int NodeOf(string id) => _position[_inputIndex[id]];

    public Evse[] Evses { get; }

    public int[] EvseNode { get; }

    /// <summary>Nearest ancestor of kind Charger, or -1.</summary>
    public int[] EvseCharger { get; }

    /// <summary>
    /// Each EVSE's id and its charger's id (null without one), apart from the records: reading them through ten thousand
    /// EVSE records when the results are put together missed the cache on most of them. A rebound site keeps these
    /// (its EVSEs have the same ids).
    /// </summary>
    public string[] EvseIds { get; }

    /// <inheritdoc cref="EvseIds"/>
    public string?[] EvseChargerIds { get; }

    public SupplyType[] EvseSupply { get; }

    public double[] EvseEfficiency { get; }

    public ChargingRateUnit[] EvseUnit { get; }

    /// <summary>Grid phase of each local EVSE phase (L1, L2, L3 of the EVSE), or null when no rotation is known.</summary>
    public Phase[]?[] EvseRotation { get; }

    public double Voltage { get; }

    public static CompiledSite Compile(SiteModel site)
    {
        var errors = SiteValidator.Validate(site, out var index);
        if (errors.Count > 0)
        {
            throw new SiteValidationException(errors);
        }

        // Children in CSR form over positions in site.Nodes, then an iterative preorder walk (deep trees must not
        // overflow the stack); preorder makes every subtree a contiguous range after its root.
        var count = site.Nodes.Count;
        var childStart = new int[count + 1];
        var root = -1;
        for (var v = 0; v < count; v++)
        {
            if (index.Parent[v] >= 0)
            {
                childStart[index.Parent[v] + 1]++;
            }
            else
            {
                root = v;
            }
        }

        for (var v = 0; v < count; v++)
        {
            childStart[v + 1] += childStart[v];
        }

        var children = new int[Math.Max(0, count - 1)];
        var fill = (int[])childStart.Clone();
        for (var v = 0; v < count; v++)
        {
            if (index.Parent[v] >= 0)
            {
                children[fill[index.Parent[v]]++] = v;
            }
        }

        var ordered = new GridNode[count];
        var parents = new int[count];
        var position = new int[count];
        var n = 0;
        if (root >= 0)
        {
            var stack = new Stack<(int Node, int Parent)>();
            stack.Push((root, -1));
            while (stack.Count > 0)
            {
                var (v, parent) = stack.Pop();
                position[v] = n;
                ordered[n] = site.Nodes[v];
                parents[n++] = parent;
                for (var c = childStart[v + 1] - 1; c >= childStart[v]; c--)
                {
                    stack.Push((children[c], position[v]));
                }
            }
        }

        var evseNode = new int[site.Evses.Count];
        for (var e = 0; e < evseNode.Length; e++)
        {
            evseNode[e] = position[index.EvseParent[e]];
        }

        var compiled = new CompiledSite(site, ordered, parents, index.NodeIndex, position, evseNode);
        compiled.ResolveEvses();
        return compiled;
    }

    private void ResolveEvses()
    {
        // Per node, top-down: the nearest charger above (or itself) and the composed phase rotation from the node's
        // local phases to grid phases (null while nobody on the path declared one).
        var count = Nodes.Length;
        var charger = new int[count];
        var maps = new Phase[]?[count];
        for (var v = 0; v < count; v++)
        {
            var node = Nodes[v];
            var parent = Parent[v];
            charger[v] = node.Kind == NodeKind.Charger ? v : parent >= 0 ? charger[parent] : -1;
            var above = parent >= 0 ? maps[parent] : null;
            maps[v] = node.GridPhases is { } own ? Compose(own, above ?? Identity) : above;
        }

        var errors = new List<SiteValidationError>();
        for (var e = 0; e < Evses.Length; e++)
        {
            var evse = Evses[e];
            var v = EvseNode[e];
            var c = charger[v];
            var chargerNode = c >= 0 ? Nodes[c] : null;
            EvseCharger[e] = c;
            EvseIds[e] = evse.Id;
            EvseChargerIds[e] = chargerNode?.Id;
            EvseSupply[e] = evse.Supply ?? chargerNode?.Supply ?? SupplyType.AC;
            EvseEfficiency[e] = evse.Efficiency ?? chargerNode?.Efficiency ?? 1;
            EvseUnit[e] = evse.RateUnit ?? chargerNode?.RateUnit ?? (EvseSupply[e] == SupplyType.DC ? ChargingRateUnit.W : ChargingRateUnit.A);

            var needed = Math.Max(evse.Phases, evse.CanSwitchPhases ? 3 : 1);
            var map = evse.GridPhases is { } own ? Compose(own, maps[v] ?? Identity) : maps[v];
            if (map is not null && map.Length < needed && EvseSupply[e] == SupplyType.AC)
            {
                errors.Add(new(evse.Id, $"EVSE '{evse.Id}': uses {needed} phase(s) but its branch provides only {map.Length} (see gridPhases on its path)"));
            }

            EvseRotation[e] = Site.Settings.PhaseAware ? map : null;
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

    private static readonly Phase[] Identity = [Phase.L1, Phase.L2, Phase.L3];

    /// <summary>Local phase j → parent's phase <paramref name="local"/>[j] → grid phase <paramref name="above"/>[...]; missing phases are dropped.</summary>
    private static Phase[] Compose(IReadOnlyList<Phase> local, Phase[] above)
    {
        var result = new List<Phase>(local.Count);
        foreach (var p in local)
        {
            if ((int)p >= above.Length)
            {
                break;
            }

            result.Add(above[(int)p]);
        }

        return [.. result];
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
