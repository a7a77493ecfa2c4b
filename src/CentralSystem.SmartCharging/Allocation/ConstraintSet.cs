using System.Buffers;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// The constraints of one direction (import or export) for a given phase configuration of the EVSEs, with every EVSE's
/// coefficient in each constraint on its path. Items are measured in "amps-equivalent per phase": amps per phase for
/// AC, output watts / (3 × nominal voltage) for DC, so AC amps and DC watts share one fair-share scale, while each
/// constraint still counts amps on its phases and watts on its power budget separately.
/// </summary>
internal sealed class ConstraintSet : IDisposable
{
    private ConstraintSet(CompiledSite site, bool export, int[] phases, int[] masks, int[] node, Resource[] resource, FillingProblem problem)
    {
        Site = site;
        Export = export;
        ItemPhases = phases;
        ItemMask = masks;
        ConstraintNode = node;
        ConstraintResource = resource;
        Problem = problem;
    }

    /// <summary>The site being calculated (a kept set moves to the rebound site that takes it: same tree and hardware).</summary>
    public CompiledSite Site { get; private set; }

    /// <summary>Phase configuration and envelopes a kept set was built for (null for a one-off, pooled set).</summary>
    private int[]? _keyPhases;
    private OperatingEnvelope[]? _keyEnvelopes;

    /// <summary>
    /// Returns the pooled arrays, or gives a kept set back to its site for the next calculation; call once nothing
    /// reads <see cref="Problem"/> any more.
    /// </summary>
    public void Dispose()
    {
        if (_keyPhases is null)
        {
            Problem.Release();
        }
        else
        {
            Site.ReturnImportSet(this);
        }
    }

    /// <summary>
    /// The import set of a prepared site is kept between calculations: its structure depends only on the tree, the
    /// EVSEs' phase configuration and which nodes have envelopes, which rarely change between dispatcher runs, and
    /// building it (path walk plus transpose) is a tenth of a "now" calculation. Other sets are built and pooled.
    /// </summary>
    public static ConstraintSet Acquire(CompiledSite site, bool export, int[] activePhases)
    {
        if (export || !site.ReusesSets)
        {
            return Build(site, export, activePhases);
        }

        var kept = site.TakeImportSet();
        if (kept is not null && kept.Fits(site, activePhases))
        {
            kept.Site = site;
            return kept;
        }

        kept?.Problem.Release();
        var set = Build(site, export, activePhases, pooled: false);
        set._keyPhases = (int[])activePhases.Clone();
        set._keyEnvelopes = [.. site.Site.Envelopes];
        return set;
    }

    private bool Fits(CompiledSite site, int[] activePhases)
    {
        var envelopes = site.Site.Envelopes;
        if (_keyEnvelopes!.Length != envelopes.Count || !activePhases.AsSpan().SequenceEqual(_keyPhases))
        {
            return false;
        }

        for (var i = 0; i < envelopes.Count; i++)
        {
            if (!ReferenceEquals(envelopes[i], _keyEnvelopes[i]))
            {
                return false;
            }
        }

        return true;
    }

    public bool Export { get; }

    /// <summary>Kept by a prepared site between calculations (see <see cref="Acquire"/>).</summary>
    public bool IsKept => _keyPhases is not null;

    private (object Minimums, double[] Demand)? _minimumDemand;

    /// <summary>
    /// Every EVSE's hardware minimum summed per constraint: as many minimums as admission could ever reserve when no
    /// EVSE is stale, whatever the sessions. Worked out once per set of minimums (<see cref="CompiledSite.MinimumsKey"/>):
    /// a rebound site may have new ones, but usually has the same.
    /// </summary>
    public double[] MinimumDemand()
    {
        if (_minimumDemand is { } kept && ReferenceEquals(kept.Minimums, Site.MinimumsKey))
        {
            return kept.Demand;
        }

        var floors = new double[Site.Evses.Length];
        for (var e = 0; e < floors.Length; e++)
        {
            // The floors ItemBounds gives an EVSE with a session.
            floors[e] = Site.IsDc(e) ? Site.Evses[e].MinPowerW / (3 * Site.Voltage) : Site.Evses[e].MinCurrentA;
        }

        var demand = Admission.Demand(Problem, floors);
        _minimumDemand = (Site.MinimumsKey, demand);
        return demand;
    }

    /// <summary>Phases each EVSE uses in this configuration (AC); 3 for DC.</summary>
    public int[] ItemPhases { get; }

    public int[] ItemMask { get; }

    public int[] ConstraintNode { get; }

    public Resource[] ConstraintResource { get; }

    public FillingProblem Problem { get; }

    public static ConstraintSet Build(CompiledSite site, bool export, int[] activePhases, bool pooled = true)
    {
        var nodes = site.Nodes;
        var nodeCount = nodes.Length;
        var evseCount = site.Evses.Length;
        var masks = new int[evseCount];
        for (var e = 0; e < evseCount; e++)
        {
            masks[e] = site.PhaseMask(e, activePhases[e]);
        }

        // Bottom-up: which phases are used below each node, and whether everything below loads all three.
        var union = new int[nodeCount];
        var allFull = new bool[nodeCount];
        Array.Fill(allFull, true);
        for (var e = 0; e < evseCount; e++)
        {
            var v = site.EvseNode[e];
            union[v] |= masks[e];
            allFull[v] &= masks[e] == 7;
        }

        for (var v = nodeCount - 1; v > 0; v--)
        {
            var p = site.Parent[v];
            union[p] |= union[v];
            allFull[p] &= allFull[v];
        }

        var consNode = new List<int>();
        var consRes = new List<Resource>();
        var phaseCons = new int[nodeCount * 4];
        var powerCons = new int[nodeCount];
        Array.Fill(phaseCons, -1);
        Array.Fill(powerCons, -1);
        for (var v = 0; v < nodeCount; v++)
        {
            if (union[v] == 0)
            {
                continue;
            }

            if (site.HasCurrentLimit(v, export))
            {
                if (allFull[v])
                {
                    phaseCons[(v * 4) + 3] = consNode.Count;
                    consNode.Add(v);
                    consRes.Add(Resource.AllPhases);
                }
                else
                {
                    for (var ph = 0; ph < 3; ph++)
                    {
                        if ((union[v] & (1 << ph)) != 0)
                        {
                            phaseCons[(v * 4) + ph] = consNode.Count;
                            consNode.Add(v);
                            consRes.Add((Resource)ph);
                        }
                    }
                }
            }

            if (site.HasPowerLimit(v, export))
            {
                powerCons[v] = consNode.Count;
                consNode.Add(v);
                consRes.Add(Resource.Power);
            }
        }

        // One pass into pooled buffers sized for the worst case (every node on the path with three phase
        // constraints and a power constraint); the pool hands the same buffers back next time.
        var depth = 0;
        for (var e = 0; e < evseCount; e++)
        {
            var d = 0;
            for (var v = site.EvseNode[e]; v >= 0; v = site.Parent[v])
            {
                d++;
            }

            depth += d;
        }

        var capacity = Math.Max(1, depth * 4);
        var entryCons = ArrayPool<int>.Shared.Rent(capacity);
        var entryCoef = ArrayPool<double>.Shared.Rent(capacity);
        var itemStart = new int[evseCount + 1];
        var voltage = site.Voltage;
        var x = 0;
        for (var e = 0; e < evseCount; e++)
        {
            double phaseCoef;
            double powerCoef;
            if (site.IsDc(e))
            {
                // DC: balanced three-phase input; input = output / efficiency when charging, × efficiency when discharging.
                var eff = site.EvseEfficiency[e];
                var factor = export ? eff : 1 / eff;
                phaseCoef = factor;
                powerCoef = 3 * voltage * factor;
            }
            else
            {
                phaseCoef = 1;
                powerCoef = voltage * activePhases[e];
            }

            var mask = masks[e];
            for (var v = site.EvseNode[e]; v >= 0; v = site.Parent[v])
            {
                var row = v * 4;
                var all = phaseCons[row + 3];
                if (all >= 0)
                {
                    entryCons[x] = all;
                    entryCoef[x++] = phaseCoef;
                }
                else
                {
                    for (var ph = 0; ph < 3; ph++)
                    {
                        var k = phaseCons[row + ph];
                        if (k >= 0 && (mask & (1 << ph)) != 0)
                        {
                            entryCons[x] = k;
                            entryCoef[x++] = phaseCoef;
                        }
                    }
                }

                if (powerCons[v] >= 0)
                {
                    entryCons[x] = powerCons[v];
                    entryCoef[x++] = powerCoef;
                }
            }

            itemStart[e + 1] = x;
        }

        if (!pooled)
        {
            // Kept sets hold exact-size arrays of their own: pooled ones go back to the pool after each calculation.
            var own = (Cons: entryCons[..x], Coef: entryCoef[..x]);
            ArrayPool<int>.Shared.Return(entryCons);
            ArrayPool<double>.Shared.Return(entryCoef);
            (entryCons, entryCoef) = own;
        }

        var problem = new FillingProblem(evseCount, consNode.Count, itemStart, entryCons, entryCoef, pooled);
        var phases = new int[evseCount];
        for (var e = 0; e < evseCount; e++)
        {
            phases[e] = site.IsDc(e) ? 3 : activePhases[e];
        }

        return new ConstraintSet(site, export, phases, masks, [.. consNode], [.. consRes], problem);
    }

    /// <summary>Watts per unit of item value (amps-equivalent) on the grid side.</summary>
    public double PowerPerUnit(int evse) => Site.IsDc(evse)
        ? 3 * Site.Voltage * (Export ? Site.EvseEfficiency[evse] : 1 / Site.EvseEfficiency[evse])
        : Site.Voltage * ItemPhases[evse];

    /// <summary>Watts delivered to (or taken from) the vehicle per unit of item value.</summary>
    public double OutputPowerPerUnit(int evse) => Site.IsDc(evse) ? 3 * Site.Voltage : Site.Voltage * ItemPhases[evse];

    /// <summary>Amps per phase per unit of item value on the grid side.</summary>
    public double CurrentPerUnit(int evse) => Site.IsDc(evse)
        ? (Export ? Site.EvseEfficiency[evse] : 1 / Site.EvseEfficiency[evse])
        : 1;

    private (LineageEntry Base, LineageEntry Phased)[]? _phased;
    private bool _longLived;

    /// <summary>The set is used for many capacity settings (a schedule's intervals): keep per-constraint entries.</summary>
    public void MarkLongLived() => _longLived = true;

    /// <summary>
    /// <paramref name="source"/> narrowed to one phase, for constraint <paramref name="k"/>; the same instance while the
    /// source is the same (a schedule sets capacities once per interval, a prepared site once per call).
    /// </summary>
    public LineageEntry PhasedSource(int k, LineageEntry source, Phase phase)
    {
        if (_keyPhases is null && !_longLived)
        {
            // One-off set: a cache would cost more than it saves (and be large-object-heap sized on big sites).
            return source with { Phase = phase };
        }

        _phased ??= new (LineageEntry, LineageEntry)[ConstraintNode.Length];
        var (kept, phased) = _phased[k];
        if (ReferenceEquals(kept, source))
        {
            return phased;
        }

        phased = source with { Phase = phase };
        _phased[k] = (source, phased);
        return phased;
    }

    public ChargingRateUnit UnitOf(int k) => ConstraintResource[k] == Resource.Power ? ChargingRateUnit.W : ChargingRateUnit.A;

    public Phase? PhaseOf(int k) => ConstraintResource[k] switch
    {
        Resource.L1 => Phase.L1,
        Resource.L2 => Phase.L2,
        Resource.L3 => Phase.L3,
        _ => null,
    };
}
