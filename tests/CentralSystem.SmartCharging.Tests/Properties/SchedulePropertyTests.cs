using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Tests.Support;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Tests.Properties;

/// <summary>For random sites with envelopes, tariffs and departures: no interval of the schedule exceeds any limit.</summary>
public class SchedulePropertyTests
{
    [Test]
    public void Every_interval_is_feasible_and_minimums_hold([Range(0, 1)] int batch)
    {
        var failures = new List<string>();
        for (var seed = 1000 + batch; seed < 1100; seed += 2)
        {
            var site = RandomSites.Generate(seed, withSchedule: true);
            var horizon = TimeSpan.FromHours(12);
            var interval = TimeSpan.FromMinutes(30);
            var schedule = SmartChargingCalculator.Schedule(site, SiteBuilder.T0, horizon, interval);
            var now = SmartChargingCalculator.Allocate(site, SiteBuilder.T0).Evses.ToDictionary(e => e.EvseId);
            var checker = new ReferenceChecker(site);
            var v = site.Settings.NominalVoltageV;
            var slots = schedule.SlotStarts;
            for (var k = 0; k < slots.Count; k++)
            {
                var from = slots[k];
                var to = k + 1 < slots.Count ? slots[k + 1] : SiteBuilder.T0 + horizon;
                var offset = (from - SiteBuilder.T0).TotalSeconds;
                var values = schedule.Evses.ToDictionary(e => e.EvseId, e =>
                {
                    var limit = e.Periods.Last(p => p.StartPeriod <= offset).Limit;
                    var evse = site.Evses.First(x => x.Id == e.EvseId);
                    // Schedules are in the charger's unit: A for AC, W (output) for DC.
                    return e.Unit == ChargingRateUnit.W ? limit / (3 * v) : limit;
                });
                var problems = checker.Check(
                    id => values[id],
                    id => now[id].Phases,
                    id => values[id] > 1e-9,
                    from,
                    to,
                    checkFairness: false);
                failures.AddRange(problems.Select(p => $"seed {seed} interval {k}: {p}"));
            }

            foreach (var e in schedule.Evses.Where(e => e.EnergyNeededWh is not null))
            {
                Assert.That(e.DeadlineMet, Is.EqualTo(e.EnergyPlannedWh >= e.EnergyNeededWh - 1e-3), $"seed {seed} {e.EvseId}");
            }
        }

        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures.Take(20)));
    }
}
