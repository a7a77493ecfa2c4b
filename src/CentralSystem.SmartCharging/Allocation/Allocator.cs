using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// The "now" calculation: classify EVSEs (idle / charging / discharging / stale), solve export then import
/// (admission, then max-min fair filling), decide 1ph/3ph switching and re-solve if a decision changed, then report.
/// </summary>
internal sealed partial class Allocator
{
    private readonly CompiledSite _site;
    private readonly DateTimeOffset _at;
    private readonly SiteConditions _conditions;
    private readonly EvseRole[] _roles;
    private readonly EvseInputs _inputs;
    private readonly List<LineageEntry> _lineageScratch = [];

    private Allocator(CompiledSite site, DateTimeOffset at)
    {
        _site = site;
        _at = at;
        _inputs = site.ReadEvseInputs();
        _conditions = SiteConditions.Evaluate(site, _inputs, at);
        _roles = Classify(_inputs, _conditions);
    }

    public static AllocationResult Run(CompiledSite site, DateTimeOffset at) => new Allocator(site, at).Run();

    /// <summary>
    /// Roles, phase decisions and the solved import pass, for the schedule which reuses them for every interval (its
    /// constraint set, bounds and admission order are exactly what each interval needs). The caller disposes both sets.
    /// </summary>
    public static (EvseRole[] Roles, int[] Phases, SiteConditions Conditions, DirectionPass? Export, DirectionPass Import) Prepare(CompiledSite site, DateTimeOffset at)
    {
        var allocator = new Allocator(site, at);
        var (export, import, phases, _) = allocator.Solve();
        return (allocator._roles, phases, allocator._conditions, export, import);
    }

    public static EvseRole[] Classify(EvseInputs inputs, SiteConditions conditions)
    {
        var roles = new EvseRole[conditions.StaleEvses.Length];
        for (var e = 0; e < roles.Length; e++)
        {
            if (conditions.StaleEvses[e])
            {
                roles[e] = inputs.MayBeDrawing(e) ? EvseRole.Stale : EvseRole.Idle;
            }
            else if (!inputs.HasSession(e))
            {
                roles[e] = EvseRole.Idle;
            }
            else
            {
                roles[e] = inputs.Discharging(e) ? EvseRole.Export : EvseRole.Import;
            }
        }

        return roles;
    }

    private AllocationResult Run()
    {
        var (export, import, _, states) = Solve();
        try
        {
            return Assemble(export, import, states);
        }
        finally
        {
            import.Set.Dispose();
            export?.Set.Dispose();
        }
    }

    private (DirectionPass? Export, DirectionPass Import, int[] Phases, PhaseSwitchState?[] States) Solve()
    {
        var site = _site;
        var n = site.Evses.Length;
        var phases = new int[n];
        var switchable = new bool[n];
        var anySwitchable = false;
        for (var e = 0; e < n; e++)
        {
            phases[e] = _inputs.BasePhases(e);
            if (PhaseSwitchDecider.IsSwitchable(site, _inputs, e, _roles[e]))
            {
                // First pass at three phases: the decision needs the power available at three phases.
                switchable[e] = true;
                anySwitchable = true;
                phases[e] = 3;
            }
            else if (_roles[e] == EvseRole.Stale && !site.IsDc(e) && _inputs.StatePhases(e) is { } active)
            {
                phases[e] = Math.Min(phases[e], active);
            }
        }

        var fixedA = SiteConditions.RentPhaseBuffer(site.Nodes.Length);
        var fixedW = new double[site.Nodes.Length];
        try
        {
            return SolveWith(phases, switchable, anySwitchable, fixedA, fixedW);
        }
        finally
        {
            SiteConditions.ReturnPhaseBuffer(fixedA);
        }
    }

    private (DirectionPass? Export, DirectionPass Import, int[] Phases, PhaseSwitchState?[] States) SolveWith(int[] phases, bool[] switchable, bool anySwitchable, double[] fixedA, double[] fixedW)
    {
        var site = _site;
        var n = site.Evses.Length;
        DirectionPass? export = null;
        if (_roles.Contains(EvseRole.Export))
        {
            var exportLimits = NodeLimitEvaluator.Evaluate(site, true, _at, _at, _conditions.StaleNodes);
            export = DirectionSolver.Solve(site, true, phases, _roles, exportLimits, fixedA, fixedW, _at);
        }

        Array.Clear(fixedA, 0, site.Nodes.Length * 3);
        Array.Clear(fixedW);
        _conditions.AddLoadsTo(fixedA, fixedW);
        if (export is not null && site.Site.Settings.NetExportAgainstImport)
        {
            // Discharging vehicles feed their ancestors, which may then import that much more (EVerest's netting).
            AddItemLoads(export, fixedA, fixedW, -1);
        }

        SiteConditions.SubtreeSums(site, fixedA, fixedW);
        var importLimits = NodeLimitEvaluator.Evaluate(site, false, _at, _at, _conditions.StaleNodes);
        var import = DirectionSolver.Solve(site, false, phases, _roles, importLimits, fixedA, fixedW, _at);

        var states = new PhaseSwitchState?[n];
        if (anySwitchable)
        {
            var changed = false;
            var settings = site.Site.Settings.PhaseSwitching;
            for (var e = 0; e < n; e++)
            {
                if (!switchable[e])
                {
                    continue;
                }

                var powerW = import.Fill.Value[e] * import.Set.PowerPerUnit(e);
                var (decided, state) = PhaseSwitchDecider.Decide(settings, site.Evses[e].MinCurrentA, site.Voltage, powerW, site.Evses[e].PhaseState, _at);
                states[e] = state;
                if (decided != phases[e])
                {
                    phases[e] = decided;
                    changed = true;
                }
            }

            if (changed)
            {
                import.Set.Dispose();
                import = DirectionSolver.Solve(site, false, phases, _roles, importLimits, fixedA, fixedW, _at);
            }
        }

        return (export, import, phases, states);
    }

    /// <summary>Adds sign × each item's grid-side draw to its own node (callers sum subtrees afterwards).</summary>
    private void AddItemLoads(DirectionPass pass, double[] perPhase, double[] power, double sign)
    {
        var set = pass.Set;
        for (var e = 0; e < _site.Evses.Length; e++)
        {
            var x = pass.Fill.Value[e];
            if (x <= 0)
            {
                continue;
            }

            var v = _site.EvseNode[e];
            var amps = x * set.CurrentPerUnit(e);
            for (var ph = 0; ph < 3; ph++)
            {
                if ((set.ItemMask[e] & (1 << ph)) != 0)
                {
                    perPhase[(v * 3) + ph] += sign * amps;
                }
            }

            power[v] += sign * x * set.PowerPerUnit(e);
        }
    }
}
