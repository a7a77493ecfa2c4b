using System.Globalization;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

internal sealed partial class Allocator
{
    private AllocationResult Assemble(DirectionPass? export, DirectionPass import, PhaseSwitchState?[] states)
    {
        var site = _site;
        var n = site.Evses.Length;
        var evses = new EvseAllocation[n];
        var importTight = TightConstraints(import);
        var exportTight = export is null ? null : TightConstraints(export);
        for (var e = 0; e < n; e++)
        {
            evses[e] = _roles[e] == EvseRole.Export && export is not null
                ? BuildEvse(export, e, states[e], exportTight!)
                : BuildEvse(import, e, states[e], importTight);
        }

        // Grid-side flows per node (imports positive, exports negative), for the node view.
        var flowA = SiteConditions.RentPhaseBuffer(site.Nodes.Length);
        var loadA = SiteConditions.RentPhaseBuffer(site.Nodes.Length);
        try
        {
            return AssembleWith(export, import, states, evses, flowA, loadA);
        }
        finally
        {
            SiteConditions.ReturnPhaseBuffer(flowA);
            SiteConditions.ReturnPhaseBuffer(loadA);
        }
    }

    private AllocationResult AssembleWith(DirectionPass? export, DirectionPass import, PhaseSwitchState?[] states, EvseAllocation[] evses, double[] flowA, double[] loadA)
    {
        _ = states;
        var site = _site;
        var flowW = new double[site.Nodes.Length];
        AddItemLoads(import, flowA, flowW, 1);
        if (export is not null)
        {
            AddItemLoads(export, flowA, flowW, -1);
        }

        SiteConditions.SubtreeSums(site, flowA, flowW);
        var loadW = new double[site.Nodes.Length];
        _conditions.AddLoadsTo(loadA, loadW);
        SiteConditions.SubtreeSums(site, loadA, loadW);

        var nodes = new NodeAllocation[site.Nodes.Length];
        var kept = site.KeptResults?.Nodes;
        for (var v = 0; v < nodes.Length; v++)
        {
            var limit = import.Limits[v];
            var sources = _lineageScratch;
            sources.Clear();
            if (limit.CurrentSource is { } cs)
            {
                sources.Add(cs);
            }

            if (limit.PowerSource is { } ps)
            {
                sources.Add(ps);
            }

            var effective = new ElectricalLimit(limit.CurrentA, limit.PowerW);
            var limitSources = LineageArrays.Of(site.NodeLineage, v, sources);
            var fixedA = new PhaseValues(loadA[v * 3], loadA[(v * 3) + 1], loadA[(v * 3) + 2]);
            var allocatedA = new PhaseValues(flowA[v * 3], flowA[(v * 3) + 1], flowA[(v * 3) + 2]);
            if (kept?[v] is { } last
                && ReferenceEquals(last.NodeId, site.Nodes[v].Id) && last.Kind == site.Nodes[v].Kind
                && ReferenceEquals(last.LimitSources, limitSources) && last.TelemetryStale == _conditions.StaleNodes[v]
                && KeptResults.Same(last.EffectiveImport, effective) && KeptResults.Same(last.FixedCurrentA, fixedA)
                && KeptResults.Same(last.FixedPowerW, loadW[v]) && KeptResults.Same(last.AllocatedCurrentA, allocatedA)
                && KeptResults.Same(last.AllocatedPowerW, flowW[v]))
            {
                nodes[v] = last;
                continue;
            }

            nodes[v] = new NodeAllocation(site.Nodes[v].Id, site.Nodes[v].Kind)
            {
                EffectiveImport = effective,
                LimitSources = limitSources,
                TelemetryStale = _conditions.StaleNodes[v],
                FixedCurrentA = fixedA,
                FixedPowerW = loadW[v],
                AllocatedCurrentA = allocatedA,
                AllocatedPowerW = flowW[v],
            };
            if (kept is not null)
            {
                kept[v] = nodes[v];
            }
        }

        return new AllocationResult(site.Site.Id, _at)
        {
            Evses = evses,
            Chargers = BuildChargers(import),
            Nodes = nodes,
            Breaches = BreachDetector.Detect(site, _conditions, import.Limits, _at),
        };
    }

    private EvseAllocation BuildEvse(DirectionPass pass, int e, PhaseSwitchState? state, bool[] tight)
    {
        var site = _site;
        var role = _roles[e];
        var set = pass.Set;
        var sign = role == EvseRole.Export ? -1 : 1;
        var x = role == EvseRole.Idle ? 0 : pass.Fill.Value[e];
        var dc = site.IsDc(e);
        var p = set.ItemPhases[e];
        var powerW = sign * x * (dc ? 3 * site.Voltage : site.Voltage * p);
        double? currentA = dc ? null : sign * x;
        var unit = site.EvseUnit[e];
        var (limitUnit, limitValue, limitPhases) = unit switch
        {
            ChargingRateUnit.A when dc => (ChargingRateUnit.A, sign * x * set.CurrentPerUnit(e), 3),
            ChargingRateUnit.A => (ChargingRateUnit.A, sign * x, p),
            _ => (ChargingRateUnit.W, powerW, dc ? null : (int?)p),
        };
        var id = site.EvseIds[e];
        var chargerId = site.EvseChargerIds[e];
        var direction = role == EvseRole.Export ? ChargingDirection.Discharge : ChargingDirection.Charge;
        var admitted = role != EvseRole.Idle && pass.RefusedBy[e] == -1;
        var stale = role == EvseRole.Stale;
        var lineage = BuildLineage(pass, e, tight);

        // A prepared site hands out last call's allocation again when it says the same thing, bit for bit: most EVSEs
        // keep their value between dispatcher runs, and results are immutable.
        var kept = site.KeptResults?.Evses;
        if (kept?[e] is { } last
            && ReferenceEquals(last.Lineage, lineage) && ReferenceEquals(last.PhaseState, state)
            && ReferenceEquals(last.EvseId, id) && ReferenceEquals(last.ChargerId, chargerId)
            && last.Supply == site.EvseSupply[e] && last.Direction == direction && last.Admitted == admitted && last.Stale == stale
            && last.Phases == p && KeptResults.Same(last.PowerW, powerW) && KeptResults.Same(last.CurrentA, currentA)
            && KeptResults.Same(last.Limit, limitUnit, limitValue, limitPhases))
        {
            return last;
        }

        var allocation = new EvseAllocation(id)
        {
            ChargerId = chargerId,
            Supply = site.EvseSupply[e],
            Direction = direction,
            Admitted = admitted,
            Stale = stale,
            CurrentA = currentA,
            PowerW = powerW,
            Phases = p,
            Limit = new ChargingLimit(limitUnit, limitValue, limitPhases),
            Lineage = lineage,
            PhaseState = state,
        };
        if (kept is not null)
        {
            kept[e] = allocation;
        }

        return allocation;
    }

    /// <summary>
    /// Constraints with a source that are full after filling (within 1e-6 relative): they are also reported in the
    /// lineage of every EVSE below them. Worked out once per pass rather than once per EVSE on the path.
    /// </summary>
    private static bool[] TightConstraints(DirectionPass pass)
    {
        var p = pass.Set.Problem;
        var usage = pass.Fill.Usage;
        var tight = new bool[p.ConstraintCount];
        for (var k = 0; k < tight.Length; k++)
        {
            var capacity = p.Capacity[k];
            tight[k] = pass.ConstraintSource[k] is not null && double.IsFinite(capacity) && usage[k] >= capacity - (1e-6 * Math.Max(1, Math.Abs(capacity)));
        }

        return tight;
    }

    /// <summary>Appends the lineage of <paramref name="e"/> to <paramref name="list"/> (empty on entry).</summary>
    private static void AddLineage(DirectionPass pass, int e, EvseRole role, List<LineageEntry> list, bool[] tight)
    {
        var bounds = pass.Bounds[e];
        if (role is EvseRole.Idle or EvseRole.Stale)
        {
            list.Add(bounds.CapSource);
            return;
        }

        var refused = pass.RefusedBy[e];
        if (refused == DirectionPass.OwnLimitBelowMinimum)
        {
            var src = bounds.CapSource;
            list.Add(OwnLimitExclusion(src));
            list.Add(src);
            return;
        }

        if (refused >= 0)
        {
            var src = RefusingSource(pass, refused);
            list.Add(RefusedExclusion(src));
            list.Add(src);
            return;
        }

        var fill = pass.Fill;
        var p = pass.Set.Problem;
        var binding = fill.Binding[e];
        var x = fill.Value[e];
        if (binding >= 0 && pass.ConstraintSource[binding] is { } first)
        {
            list.Add(first);
        }
        else
        {
            list.Add(bounds.CapSource);
        }

        for (var entry = p.ItemStart[e]; entry < p.ItemStart[e + 1]; entry++)
        {
            var k = p.ItemConstraint[entry];
            if (k != binding && tight[k] && pass.ConstraintSource[k] is { } src && !ContainsSame(list, src))
            {
                list.Add(src);
            }
        }

        if (binding >= 0 && x >= bounds.Cap - (1e-9 * Math.Max(1, bounds.Cap)) && !ContainsSame(list, bounds.CapSource))
        {
            list.Add(bounds.CapSource);
        }
    }

    /// <summary>The source of a refusing constraint; a constraint without one (no limit in force) names its node.</summary>
    private static LineageEntry RefusingSource(DirectionPass pass, int k) =>
        pass.ConstraintSource[k] ?? new LineageEntry(LimitKind.NodeLimit) { NodeId = pass.Set.Site.Nodes[pass.Set.ConstraintNode[k]].Id };

    private static LineageEntry OwnLimitExclusion(LineageEntry src) => new(LimitKind.MinimumCurrentExclusion)
    {
        NodeId = src.NodeId,
        Unit = src.Unit,
        Limit = src.Limit,
        Detail = $"{src.Kind} {Fmt(src.Limit)} {src.Unit} is below the minimum",
    };

    private static LineageEntry RefusedExclusion(LineageEntry src) => new(LimitKind.MinimumCurrentExclusion)
    {
        NodeId = src.NodeId,
        EnvelopeId = src.EnvelopeId,
        SourceRequestId = src.SourceRequestId,
        EnvelopeQuality = src.EnvelopeQuality,
        Unit = src.Unit,
        Phase = src.Phase,
        Limit = src.Limit,
        Detail = "minimum did not fit after higher-priority minimums were reserved",
    };

    private LineageEntry[] BuildLineage(DirectionPass pass, int e, bool[] tight)
    {
        var scratch = _lineageScratch;
        scratch.Clear();
        AddLineage(pass, e, _roles[e], scratch, tight);
        return LineageArrays.Of(_site.EvseLineage, e, scratch);
    }

    /// <summary>Sources are shared instances, so identity is enough (and far cheaper than record equality).</summary>
    private static bool ContainsSame(List<LineageEntry> list, LineageEntry entry)
    {
        foreach (var item in list)
        {
            if (ReferenceEquals(item, entry))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Only the first (binding) lineage entry, without scanning the path: cheap enough for every schedule slot.</summary>
    /// <param name="exclusions">Exclusion entries by the source that refused (own cap or constraint), shared by the
    /// caller across calls: a schedule asks for every EVSE in every interval, and an excluded EVSE stays excluded by
    /// the same source for hours. Entries are built exactly as <see cref="AddLineage"/> does.</param>
    internal static LineageEntry BindingEntry(DirectionPass pass, int e, EvseRole role, ExclusionCache? exclusions = null)
    {
        if (role is EvseRole.Idle or EvseRole.Stale)
        {
            return pass.Bounds.CapSource(e);
        }

        var refused = pass.RefusedBy[e];
        if (refused != -1)
        {
            var own = refused == DirectionPass.OwnLimitBelowMinimum;
            var src = own ? pass.Bounds.CapSource(e) : pass.ConstraintSource[refused];
            if (exclusions is null || src is null)
            {
                return own ? OwnLimitExclusion(src!) : RefusedExclusion(src ?? RefusingSource(pass, refused));
            }

            var cache = own ? exclusions.OwnLimit : exclusions.Refused;
            if (!cache.TryGetValue(src, out var entry))
            {
                cache[src] = entry = own ? OwnLimitExclusion(src) : RefusedExclusion(src);
            }

            return entry;
        }

        var binding = pass.Fill.Binding[e];
        return binding >= 0 && pass.ConstraintSource[binding] is { } source ? source : pass.Bounds.CapSource(e);
    }

    private ChargerAllocation[] BuildChargers(DirectionPass import)
    {
        var site = _site;
        var groups = site.ChargerGroups;
        var members = groups.Members;
        var result = new ChargerAllocation[groups.Chargers.Length];
        var values = import.Fill.Value;
        var set = import.Set;
        var kept = site.KeptResults?.Chargers;
        for (var j = 0; j < result.Length; j++)
        {
            double l1 = 0, l2 = 0, l3 = 0, watts = 0;
            var anyDc = false;
            var maxPhases = 0;
            for (var m = groups.Start[j]; m < groups.Start[j + 1]; m++)
            {
                var e = members[m];
                var x = _roles[e] is EvseRole.Import or EvseRole.Stale ? values[e] : 0;
                var amps = x * set.CurrentPerUnit(e);
                var mask = set.ItemMask[e];
                l1 += (mask & 1) != 0 ? amps : 0;
                l2 += (mask & 2) != 0 ? amps : 0;
                l3 += (mask & 4) != 0 ? amps : 0;
                watts += x * set.PowerPerUnit(e);
                anyDc |= site.IsDc(e);
                maxPhases = Math.Max(maxPhases, set.ItemPhases[e]);
            }

            var node = site.Nodes[groups.Chargers[j]];
            var amp = Math.Max(l1, Math.Max(l2, l3));
            var unit = node.RateUnit ?? (anyDc ? ChargingRateUnit.W : ChargingRateUnit.A);
            var (limitValue, limitPhases) = unit == ChargingRateUnit.A ? (amp, anyDc ? 3 : maxPhases) : (watts, anyDc ? null : (int?)maxPhases);
            if (kept?[j] is { } last
                && ReferenceEquals(last.ChargerId, node.Id) && ReferenceEquals(last.EvseIds, groups.EvseIds[j])
                && KeptResults.Same(last.CurrentA, amp) && KeptResults.Same(last.PowerW, watts)
                && KeptResults.Same(last.Limit, unit == ChargingRateUnit.A ? ChargingRateUnit.A : ChargingRateUnit.W, limitValue, limitPhases))
            {
                result[j] = last;
                continue;
            }

            result[j] = new ChargerAllocation(node.Id)
            {
                CurrentA = amp,
                PowerW = watts,
                Limit = new ChargingLimit(unit == ChargingRateUnit.A ? ChargingRateUnit.A : ChargingRateUnit.W, limitValue, limitPhases),
                EvseIds = groups.EvseIds[j],
            };
            if (kept is not null)
            {
                kept[j] = result[j];
            }
        }

        return result;
    }

    private static string Fmt(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-";
}
