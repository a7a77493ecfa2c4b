using System.Globalization;
using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Scheduling;

/// <summary>
/// Runs allocations for schedule intervals on one prebuilt constraint set: only capacities, floors and caps change
/// between intervals, so the tree is compiled and the admission order sorted once per schedule. The set, bounds and
/// order are those of the "now" import pass (same phases, roles and instant), taken over rather than rebuilt.
/// </summary>
internal sealed class SlotRunner : IDisposable
{
    private readonly CompiledSite _site;
    private readonly EvseRole[] _roles;
    private readonly SiteConditions _conditions;
    private readonly double[] _fixedA;
    private readonly double[] _fixedW;
    private readonly BoundsTable _bounds;
    private readonly int[] _order;
    private readonly long[] _sortedDepartures;
    private readonly long[] _departure;
    private readonly FillingWorkspace _workspace;
    private readonly ExclusionCache _exclusions = new();
    private readonly double[] _demandBound;
    private readonly Dictionary<string, (NodeLimitTable, LineageEntry?[], double[])> _capacities = new(StringComparer.Ordinal);

    public SlotRunner(CompiledSite site, EvseRole[] roles, SiteConditions conditions, DirectionPass import)
    {
        _site = site;
        _roles = roles;
        _conditions = conditions;
        Set = import.Set;
        Set.MarkLongLived();
        _fixedA = new double[site.Nodes.Length * 3];
        _fixedW = new double[site.Nodes.Length];
        conditions.AddLoadsTo(_fixedA, _fixedW);
        SiteConditions.SubtreeSums(site, _fixedA, _fixedW);

        var n = site.Evses.Length;
        _bounds = import.Bounds;
        _order = import.AdmissionOrder.Value;
        _departure = new long[n];
        var departures = new List<long>();
        for (var e = 0; e < n; e++)
        {
            _departure[e] = site.Evses[e].Session?.DepartureAt?.UtcTicks ?? long.MaxValue;
            if (roles[e] is EvseRole.Import or EvseRole.Stale && _departure[e] != long.MaxValue)
            {
                departures.Add(_departure[e]);
            }
        }

        _workspace = site.Workspace(n, Set.Problem.ConstraintCount) ?? new FillingWorkspace(n, Set.Problem.ConstraintCount);

        // Every minimum a capacity pass may reserve, whoever is present: one bound for the admission checks of all of them.
        var floors = new double[n];
        for (var e = 0; e < n; e++)
        {
            var eligible = roles[e] == EvseRole.Stale || (roles[e] == EvseRole.Import && !(_bounds.Cap(e) < _bounds.Floor(e)));
            floors[e] = eligible ? _bounds.Floor(e) : 0;
        }

        _demandBound = Admission.Demand(Set.Problem, floors);
        departures.Sort();
        _sortedDepartures = [.. departures];
    }

    public ConstraintSet Set { get; }

    /// <summary>The prepared site's item arrays (null for a one-off calculation).</summary>
    public ItemArrayStock? Stock => _workspace.Stock;

    /// <summary>A solved interval.</summary>
    public sealed class SlotPass(DirectionPass pass, double[] capacity, EvseRole[] roles, ExclusionCache exclusions)
    {
        public DirectionPass Pass { get; } = pass;

        public double[] Capacity { get; } = capacity;

        public double Value(int e) => Pass.Fill.Value[e];

        public LineageEntry Binding(int e) => Allocator.BindingEntry(Pass, e, roles[e], exclusions);
    }

    /// <summary>Intervals with the same envelope blocks in force and the same vehicles present have the same capacity pass.</summary>
    public string Signature(Slot slot) =>
        string.Concat(EnvelopeKey(slot), "-1,", UpperBound(_sortedDepartures, slot.From.UtcTicks).ToString(CultureInfo.InvariantCulture), ",");

    /// <summary>The envelope blocks in force during the interval: all that its node limits depend on.</summary>
    private string EnvelopeKey(Slot slot)
    {
        var parts = new List<int>();
        var envelopes = _site.Site.Envelopes;
        for (var i = 0; i < envelopes.Count; i++)
        {
            if (envelopes[i].Withdrawn)
            {
                continue;
            }

            var blocks = envelopes[i].Blocks;
            for (var j = 0; j < blocks.Count; j++)
            {
                if (blocks[j].Overlaps(slot.From, slot.To))
                {
                    parts.Add(i);
                    parts.Add(j);
                }
            }
        }

        return SchedulePlanner.Key(parts);
    }

    /// <summary>
    /// Node limits, their sources and the constraint capacities for the envelope blocks in force. Capacity passes that
    /// differ only in who has departed (most of them: departures spread over hours) share one evaluation.
    /// </summary>
    private (NodeLimitTable Limits, LineageEntry?[] Sources, double[] Capacity) Capacities(Slot slot)
    {
        var key = EnvelopeKey(slot);
        if (!_capacities.TryGetValue(key, out var kept))
        {
            var limits = NodeLimitEvaluator.Evaluate(_site, false, slot.From, slot.To, _conditions.StaleNodes);
            var sources = DirectionSolver.SetCapacities(Set, limits, _fixedA, _fixedW);
            kept = (limits, sources, (double[])Set.Problem.Capacity.Clone());
            _capacities[key] = kept;
        }

        return kept;
    }

    public SlotPass CapacityPass(Slot slot)
    {
        var (limits, sources, capacities) = Capacities(slot);
        var p = Set.Problem;
        Array.Copy(capacities, p.Capacity, capacities.Length);
        var n = p.ItemCount;
        var forced = new List<int>();
        // Weights are those the "now" pass set from the same bounds, and no interval changes them.
        var from = slot.From.UtcTicks;
        for (var e = 0; e < n; e++)
        {
            var floor = _bounds.Floor(e);
            var cap = _bounds.Cap(e);
            if (!Present(e, from) || (_roles[e] == EvseRole.Import && cap < floor))
            {
                p.Floor[e] = 0;
                p.Cap[e] = 0;
                continue;
            }

            p.Floor[e] = floor;
            p.Cap[e] = cap;
            if (_roles[e] == EvseRole.Stale)
            {
                forced.Add(e);
            }
        }

        var refused = new int[n];
        Admission.Run(Set, [.. forced], _order, p.Floor, p.Cap, refused, InOrder, _demandBound);
        MarkOwnLimit(refused);
        return Wrap(Fill(), refused, sources, limits, (double[])p.Capacity.Clone());
    }

    /// <summary>Whether any planned session takes less than its capacity share in the interval (and frees something).</summary>
    public static bool NeedsFinalPass(SlotPass capacity, int[] plannedEvses, double[] planned)
    {
        var values = capacity.Pass.Fill.Value;
        foreach (var e in plannedEvses)
        {
            if (planned[e] < values[e] - 1e-9)
            {
                return true;
            }
        }

        return false;
    }

    public SlotPass FinalPass(Slot slot, SlotPass capacity, PlanKind[] plan, int[] plannedEvses, double[] plannedValues)
    {
        var p = Set.Problem;
        Array.Copy(capacity.Capacity, p.Capacity, p.Capacity.Length);
        var n = p.ItemCount;
        var capRefused = capacity.Pass.RefusedBy;
        var from = slot.From.UtcTicks;
        if (!_finalTemplates.TryGetValue(capacity, out var template))
        {
            template = FinalTemplate(capacity, plan, from);
            _finalTemplates[capacity] = template;
        }

        Array.Copy(template.Floor, p.Floor, n);
        Array.Copy(template.Cap, p.Cap, n);
        var anyCandidate = template.AnyCandidate;
        foreach (var e in plannedEvses)
        {
            if (Present(e, from))
            {
                p.Floor[e] = p.Cap[e] = plannedValues[e];
            }
        }

        int[] refused;
        if (anyCandidate)
        {
            // Candidates are the present open and deficit sessions the capacity pass refused; every other positive
            // floor is reserved as it is.
            bool IsCandidate(int e) => Present(e, from) && plan[e] is PlanKind.Open or PlanKind.Deficit && capRefused[e] >= 0;
            var forced = new List<int>();
            for (var e = 0; e < n; e++)
            {
                if (p.Floor[e] > 0 && !IsCandidate(e))
                {
                    forced.Add(e);
                }
            }

            refused = new int[n];
            Admission.Run(Set, [.. forced], [.. _order.Where(IsCandidate)], p.Floor, p.Cap, refused, InOrder);
            MarkOwnLimit(refused);
        }
        else
        {
            // Everybody's floor is already feasible (planned values and capacity shares): nothing to admit.
            refused = NoRefusals();
        }

        return Wrap(Fill(), refused, capacity.Pass.ConstraintSource, capacity.Pass.Limits, capacity.Capacity);
    }

    private readonly List<FillingResult> _fills = [];

    /// <summary>
    /// Final-pass floors and caps of everybody but the planned sessions, per capacity pass: they depend only on it
    /// (intervals with the same capacity pass have the same vehicles present), so each final pass copies them and
    /// adds its planned values, rather than working every EVSE out again.
    /// </summary>
    private readonly Dictionary<SlotPass, (double[] Floor, double[] Cap, bool AnyCandidate)> _finalTemplates = [];

    private (double[] Floor, double[] Cap, bool AnyCandidate) FinalTemplate(SlotPass capacity, PlanKind[] plan, long from)
    {
        var n = Set.Problem.ItemCount;
        var floor = Stock?.RentDoubles() ?? new double[n];
        var cap = Stock?.RentDoubles() ?? new double[n];
        var anyCandidate = false;
        var capRefused = capacity.Pass.RefusedBy;
        var capValues = capacity.Pass.Fill.Value;
        for (var e = 0; e < n; e++)
        {
            floor[e] = 0;
            cap[e] = 0;
            if (!Present(e, from))
            {
                continue;
            }

            switch (plan[e])
            {
                case PlanKind.Open or PlanKind.Deficit when capRefused[e] >= 0:
                    // Refused in the capacity pass: may fit its minimum now that others deferred.
                    anyCandidate = true;
                    floor[e] = _bounds.Floor(e);
                    cap[e] = _bounds.Cap(e);
                    break;
                case PlanKind.Open or PlanKind.Deficit when capRefused[e] == -1:
                    floor[e] = capValues[e];
                    cap[e] = _bounds.Cap(e);
                    break;
                case PlanKind.None when _roles[e] == EvseRole.Stale:
                    floor[e] = cap[e] = _bounds.Floor(e);
                    break;
            }
        }

        return (floor, cap, anyCandidate);
    }

    /// <summary>Solves the set as prepared; the result is pooled and lives until <see cref="Dispose"/>.</summary>
    private FillingResult Fill()
    {
        var fill = FillingEngine.Solve(Set.Problem, _workspace, withUsage: false, pooled: true);
        _fills.Add(fill);
        return fill;
    }

    /// <summary>Gives back the passes' pooled arrays and the constraint set; no pass may be read afterwards.</summary>
    public void Dispose()
    {
        foreach (var fill in _fills)
        {
            fill.Release();
        }

        _fills.Clear();
        if (Stock is { } stock)
        {
            foreach (var (floor, cap, _) in _finalTemplates.Values)
            {
                stock.Return(floor);
                stock.Return(cap);
            }
        }

        _finalTemplates.Clear();
        Set.Dispose();
    }

    private int[]? _noRefusals;

    /// <summary>Refusals of a pass without admission (own limits only), the same for every such pass and shared by them.</summary>
    private int[] NoRefusals()
    {
        if (_noRefusals is null)
        {
            _noRefusals = new int[Set.Problem.ItemCount];
            Array.Fill(_noRefusals, -1);
            MarkOwnLimit(_noRefusals);
        }

        return _noRefusals;
    }

    /// <param name="capacity">Capacities the pass ran with (a final pass runs with those of its capacity pass).</param>
    private SlotPass Wrap(FillingResult fill, int[] refused, LineageEntry?[] sources, NodeLimitTable limits, double[] capacity)
    {
        var pass = new DirectionPass
        {
            Set = Set,
            Fill = fill,
            Bounds = _bounds,
            RefusedBy = refused,
            ConstraintSource = sources,
            Limits = limits,
        };
        return new SlotPass(pass, capacity, _roles, _exclusions);
    }

    /// <summary>Candidates are passed in admission order already, so the contested ones come in order too.</summary>
    private static IReadOnlyList<int> InOrder(List<int> contested) => contested;

    private void MarkOwnLimit(int[] refused)
    {
        for (var e = 0; e < refused.Length; e++)
        {
            if (_roles[e] == EvseRole.Import && _bounds.Cap(e) < _bounds.Floor(e))
            {
                refused[e] = DirectionPass.OwnLimitBelowMinimum;
            }
        }
    }

    private bool Present(int e, long from) =>
        _roles[e] is EvseRole.Import or EvseRole.Stale && _departure[e] > from;

    private static int UpperBound(long[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
