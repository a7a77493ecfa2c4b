using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Tests.Properties;

/// <summary>
/// An independent, deliberately naive re-implementation of the constraint model (per node, per phase and watts, no
/// merging, no CSR) used to check the calculator's output: feasibility, minimums, caps and max-min fairness.
/// </summary>
internal sealed class ReferenceChecker
{
    private const double Tol = 1e-6;
    private readonly SiteModel _site;
    private readonly Dictionary<string, GridNode> _nodes;
    private readonly double _v;

    public ReferenceChecker(SiteModel site)
    {
        _site = site;
        _nodes = site.Nodes.ToDictionary(n => n.Id);
        _v = site.Settings.NominalVoltageV;
    }

    private sealed record Use(string Evse, double Coefficient);

    /// <summary>Constraint key: node id + "L1"/"L2"/"L3"/"W".</summary>
    private sealed class Constraint
    {
        public required string Node { get; init; }

        public required string Resource { get; init; }

        public double Limit { get; set; }

        public double Fixed { get; set; }

        public List<Use> Users { get; } = [];
    }

    public List<string> Check(Func<string, double> valueOf, Func<string, int> phasesOf, Func<string, bool> admitted, DateTimeOffset from, DateTimeOffset to, bool checkFairness)
    {
        var failures = new List<string>();
        var constraints = BuildConstraints(phasesOf, from, to);
        var x = _site.Evses.ToDictionary(e => e.Id, e => valueOf(e.Id));

        foreach (var k in constraints.Values)
        {
            var ev = k.Users.Sum(u => u.Coefficient * x[u.Evse]);
            var usage = k.Fixed + ev;

            // Non-EV load alone above the limit is the site's problem (a breach), not the allocation's: then EVs must get 0.
            if (usage > k.Limit + (Tol * Math.Max(1, Math.Abs(k.Limit))) && ev > Tol)
            {
                failures.Add($"{k.Node}/{k.Resource}: usage {usage} exceeds limit {k.Limit}");
            }
        }

        foreach (var evse in _site.Evses)
        {
            var value = x[evse.Id];
            var (floor, cap) = Bounds(evse, phasesOf(evse.Id));
            if (value > cap + Tol)
            {
                failures.Add($"{evse.Id}: {value} above its cap {cap}");
            }

            if (admitted(evse.Id))
            {
                if (value < floor - Tol)
                {
                    failures.Add($"{evse.Id}: admitted but {value} below its minimum {floor}");
                }
            }
            else if (Math.Abs(value) > Tol)
            {
                failures.Add($"{evse.Id}: not admitted but got {value}");
            }
        }

        if (checkFairness)
        {
            foreach (var evse in _site.Evses)
            {
                var value = x[evse.Id];
                var (_, cap) = Bounds(evse, phasesOf(evse.Id));
                if (!admitted(evse.Id) || value >= cap - Tol)
                {
                    continue;
                }

                // Max-min fair ⇔ every EVSE below its cap has a saturated constraint in which no EVSE that is above
                // its own minimum has a higher (weighted) level.
                var weight = evse.Session?.Weight ?? 1;
                var level = value / weight;
                var hasBottleneck = false;
                foreach (var k in constraints.Values.Where(k => k.Users.Any(u => u.Evse == evse.Id)))
                {
                    var usage = k.Fixed + k.Users.Sum(u => u.Coefficient * x[u.Evse]);
                    if (usage < k.Limit - (Tol * Math.Max(1, Math.Abs(k.Limit))))
                    {
                        continue;
                    }

                    var dominated = k.Users.All(u =>
                    {
                        var other = _site.Evses.First(e => e.Id == u.Evse);
                        var (otherFloor, _) = Bounds(other, phasesOf(u.Evse));
                        return x[u.Evse] <= otherFloor + Tol || x[u.Evse] / (other.Session?.Weight ?? 1) <= level + Tol;
                    });
                    if (dominated)
                    {
                        hasBottleneck = true;
                        break;
                    }
                }

                if (!hasBottleneck)
                {
                    failures.Add($"{evse.Id}: {value} below its cap {cap} without a bottleneck (not max-min fair)");
                }
            }
        }

        return failures;
    }

    public (double Floor, double Cap) Bounds(Evse evse, int phases)
    {
        var s = evse.Session;
        if (s is null)
        {
            return (0, 0);
        }

        if (IsDc(evse))
        {
            var cap = Math.Min(evse.MaxPowerW ?? double.PositiveInfinity, s.MaxPowerW ?? double.PositiveInfinity) / (3 * _v);
            if (evse.MaxInputCurrentA is { } a)
            {
                cap = Math.Min(cap, a * Efficiency(evse));
            }

            return (evse.MinPowerW / (3 * _v), cap);
        }

        var capA = Math.Min(evse.MaxCurrentA, s.MaxCurrentA ?? double.PositiveInfinity);
        capA = Math.Min(capA, Math.Min(evse.MaxPowerW ?? double.PositiveInfinity, s.MaxPowerW ?? double.PositiveInfinity) / (_v * phases));
        return (evse.MinCurrentA, capA);
    }

    private Dictionary<string, Constraint> BuildConstraints(Func<string, int> phasesOf, DateTimeOffset from, DateTimeOffset to)
    {
        var result = new Dictionary<string, Constraint>();
        foreach (var node in _site.Nodes)
        {
            var limit = node.Import;
            foreach (var env in _site.Envelopes.Where(e => e.NodeId == node.Id && !e.Withdrawn))
            {
                foreach (var block in env.Blocks.Where(b => to <= from ? b.Covers(from) : b.Overlaps(from, to)))
                {
                    limit = limit.Intersect(block.Import);
                }
            }

            if (limit.CurrentA is { } a)
            {
                foreach (var ph in new[] { "L1", "L2", "L3" })
                {
                    result[node.Id + "/" + ph] = new Constraint { Node = node.Id, Resource = ph, Limit = a };
                }
            }

            if (limit.PowerW is { } w)
            {
                result[node.Id + "/W"] = new Constraint { Node = node.Id, Resource = "W", Limit = w };
            }
        }

        foreach (var load in _site.SiteLoads)
        {
            var a = load.ReservedCurrentA ?? load.MeasuredCurrentA ?? default;
            foreach (var node in Path(load.NodeId))
            {
                AddFixed(result, node, "L1", a.L1);
                AddFixed(result, node, "L2", a.L2);
                AddFixed(result, node, "L3", a.L3);
                AddFixed(result, node, "W", _v * a.Sum);
            }
        }

        foreach (var evse in _site.Evses)
        {
            var phases = phasesOf(evse.Id);
            var dc = IsDc(evse);
            var eff = Efficiency(evse);
            var mask = dc ? new[] { "L1", "L2", "L3" } : Mask(evse, phases);
            var phaseCoef = dc ? 1 / eff : 1;
            var powerCoef = dc ? 3 * _v / eff : _v * phases;
            foreach (var node in Path(evse.ParentId))
            {
                foreach (var ph in mask)
                {
                    if (result.TryGetValue(node + "/" + ph, out var k))
                    {
                        k.Users.Add(new Use(evse.Id, phaseCoef));
                    }
                }

                if (result.TryGetValue(node + "/W", out var kw))
                {
                    kw.Users.Add(new Use(evse.Id, powerCoef));
                }
            }
        }

        return result;
    }

    private static void AddFixed(Dictionary<string, Constraint> constraints, string node, string resource, double value)
    {
        if (constraints.TryGetValue(node + "/" + resource, out var k))
        {
            k.Fixed += value;
        }
    }

    private string[] Mask(Evse evse, int phases)
    {
        if (phases >= 3)
        {
            return ["L1", "L2", "L3"];
        }

        var declared = evse.GridPhases is not null;
        var rotation = (evse.GridPhases ?? [Phase.L1, Phase.L2, Phase.L3]).Take(phases).ToArray();
        foreach (var node in Path(evse.ParentId))
        {
            if (_nodes[node].GridPhases is { } map)
            {
                declared = true;
                rotation = [.. rotation.Select(p => map[(int)p])];
            }
        }

        return declared && _site.Settings.PhaseAware ? [.. rotation.Select(p => p.ToString())] : ["L1", "L2", "L3"];
    }

    private IEnumerable<string> Path(string? nodeId)
    {
        for (var id = nodeId; id is not null; id = _nodes[id].ParentId)
        {
            yield return id;
        }
    }

    private bool IsDc(Evse evse) => (evse.Supply ?? ChargerOf(evse)?.Supply) == SupplyType.DC;

    private double Efficiency(Evse evse) => evse.Efficiency ?? ChargerOf(evse)?.Efficiency ?? 1;

    private GridNode? ChargerOf(Evse evse) => Path(evse.ParentId).Select(id => _nodes[id]).FirstOrDefault(n => n.Kind == NodeKind.Charger);

    public double ValueOf(EvseAllocation a) => a.Supply == SupplyType.DC ? a.PowerW / (3 * _v) : a.CurrentA ?? 0;
}
