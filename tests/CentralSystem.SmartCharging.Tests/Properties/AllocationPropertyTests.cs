using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Tests.Support;

namespace CentralSystem.SmartCharging.Tests.Properties;

/// <summary>For random trees and demands: no limit exceeded, minimums honoured, max-min fair, independent of tree order.</summary>
public class AllocationPropertyTests
{
    private const int Cases = 300;

    private static IEnumerable<int> Seeds() => Enumerable.Range(1, Cases);

    [Test]
    public void Random_sites_are_feasible_admit_minimums_and_are_max_min_fair([Range(0, 2)] int batch)
    {
        var failures = new List<string>();
        var evses = 0;
        foreach (var seed in Seeds().Where(s => s % 3 == batch))
        {
            var site = RandomSites.Generate(seed);
            var result = SmartChargingCalculator.Allocate(site, SiteBuilder.T0);
            var checker = new ReferenceChecker(site);
            var byId = result.Evses.ToDictionary(e => e.EvseId);
            evses += byId.Count;
            var problems = checker.Check(id => checker.ValueOf(byId[id]), id => byId[id].Phases, id => byId[id].Admitted && site.Evses.First(e => e.Id == id).Session is not null, SiteBuilder.T0, SiteBuilder.T0, checkFairness: true);
            failures.AddRange(problems.Select(p => $"seed {seed}: {p}"));
        }

        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures.Take(20)));
        Assert.That(evses, Is.GreaterThan(Cases));
    }

    [Test]
    public void Result_does_not_depend_on_the_order_of_nodes_or_evses_in_the_input()
    {
        for (var seed = 1; seed <= 100; seed++)
        {
            var site = RandomSites.Generate(seed);
            var rng = new Random(seed);
            var shuffled = site with
            {
                Nodes = [.. site.Nodes.OrderBy(_ => rng.Next())],
                Evses = [.. site.Evses.OrderBy(_ => rng.Next())],
            };
            var a = SmartChargingCalculator.Allocate(site, SiteBuilder.T0).Evses.ToDictionary(e => e.EvseId);
            var b = SmartChargingCalculator.Allocate(shuffled, SiteBuilder.T0).Evses.ToDictionary(e => e.EvseId);
            foreach (var (id, alloc) in a)
            {
                Assert.That(b[id].PowerW, Is.EqualTo(alloc.PowerW).Within(1e-6), $"seed {seed}, EVSE {id}");
                Assert.That(b[id].Admitted, Is.EqualTo(alloc.Admitted), $"seed {seed}, EVSE {id}");
            }
        }
    }

    [Test]
    public void Every_excluded_evse_names_a_node_on_its_path_or_itself()
    {
        for (var seed = 1; seed <= 150; seed++)
        {
            var site = RandomSites.Generate(seed);
            var parents = site.Nodes.ToDictionary(n => n.Id, n => n.ParentId);
            foreach (var a in SmartChargingCalculator.Allocate(site, SiteBuilder.T0).Evses.Where(e => e.Lineage[0].Kind == LimitKind.MinimumCurrentExclusion))
            {
                var evse = site.Evses.First(e => e.Id == a.EvseId);
                var path = new List<string> { evse.Id };
                for (var n = (string?)evse.ParentId; n is not null; n = parents[n])
                {
                    path.Add(n);
                }

                Assert.That(path, Does.Contain(a.Lineage[0].NodeId), $"seed {seed}, EVSE {a.EvseId}");
            }
        }
    }
}
