using System.Text;
using System.Text.Json;
using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Cli;
using CentralSystem.SmartCharging.Tests.Properties;
using CentralSystem.SmartCharging.Tests.Support;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Tests.Performance;

/// <summary>
/// A prepared site keeps compiled state between calls (tree, import constraint set, lineage entries, scratch arrays);
/// whatever it keeps, its results must be those of a cold calculation, byte for byte in the CLI's JSON.
/// </summary>
public class PreparedSiteTests
{
    private static readonly DateTimeOffset T0 = SiteBuilder.T0;

    [Test]
    public void Prepared_allocation_equals_cold_allocation_on_repeated_calls([Range(0, 1)] int batch)
    {
        for (var seed = 1 + batch; seed <= 120; seed += 2)
        {
            var site = RandomSites.Generate(seed, withSchedule: seed % 4 == 0);
            var prepared = PreparedSite.Prepare(site);
            var cold = Json(SmartChargingCalculator.Allocate(site, T0));
            for (var call = 0; call < 3; call++)
            {
                // Later calls run on the kept set and entries, and at a later instant as a dispatcher would.
                var at = T0.AddMinutes(call * 7);
                var expected = call == 0 ? cold : Json(SmartChargingCalculator.Allocate(site, at));
                Assert.That(Json(prepared.Allocate(at)), Is.EqualTo(expected), $"seed {seed}, call {call}");
            }
        }
    }

    [Test]
    public void Live_inputs_on_a_prepared_site_equal_a_cold_calculation_of_the_new_site([Range(0, 1)] int batch)
    {
        for (var seed = 200 + batch; seed < 320; seed += 2)
        {
            var site = RandomSites.Generate(seed, withSchedule: seed % 3 == 0);
            var prepared = PreparedSite.Prepare(site);
            _ = prepared.Allocate(T0);
            var rng = new Random(seed);
            for (var round = 0; round < 3; round++)
            {
                site = Churn(site, rng);
                prepared = prepared.WithLiveInputs(site);
                Assert.That(Json(prepared.Allocate(T0)), Is.EqualTo(Json(SmartChargingCalculator.Allocate(site, T0))), $"seed {seed}, round {round}");
            }
        }
    }

    [Test]
    public void Changed_topology_is_compiled_afresh()
    {
        var site = RandomSites.Generate(7);
        var prepared = PreparedSite.Prepare(site);
        _ = prepared.Allocate(T0);
        var root = site.Nodes[0];
        var tighter = site with { Nodes = [root with { Import = new ElectricalLimit(10, null) }, .. site.Nodes.Skip(1)] };
        Assert.That(Json(prepared.WithLiveInputs(tighter).Allocate(T0)), Is.EqualTo(Json(SmartChargingCalculator.Allocate(tighter, T0))));
    }

    [Test]
    public void New_evse_minimums_are_read_on_rebinding()
    {
        // Rebinding keeps the summed EVSE minimums while they are bit for bit the same; raised ones must be summed again.
        for (var seed = 200; seed < 230; seed++)
        {
            var site = RandomSites.Generate(seed);
            var prepared = PreparedSite.Prepare(site);
            _ = prepared.Allocate(T0);
            var raised = site with { Evses = [.. site.Evses.Select((e, i) => i % 2 == 0 ? e with { MinCurrentA = Math.Min(e.MaxCurrentA, e.MinCurrentA + 4), MinPowerW = e.MinPowerW + 2000 } : e)] };
            raised = raised with { Evses = [.. raised.Evses.Select(e => e.MaxPowerW is { } max && e.MinPowerW > max ? e with { MinPowerW = max } : e)] };
            Assert.That(Json(prepared.WithLiveInputs(raised).Allocate(T0)), Is.EqualTo(Json(SmartChargingCalculator.Allocate(raised, T0))), $"seed {seed}");
            var copied = site with { Evses = [.. site.Evses.Select(e => e with { })] };
            Assert.That(Json(prepared.WithLiveInputs(copied).Allocate(T0)), Is.EqualTo(Json(SmartChargingCalculator.Allocate(site, T0))), $"seed {seed}, back");
        }
    }

    [Test]
    public void Invalid_live_inputs_report_what_full_validation_reports()
    {
        // With the prepared tree and hardware only the live inputs are checked; a failure must still list every error
        // in the order SiteValidator gives them.
        var site = RandomSites.Generate(11);
        var prepared = PreparedSite.Prepare(site);
        var index = site.Evses.ToList().FindIndex(e => e.Session is not null);
        var bad = site with
        {
            Evses = [.. site.Evses.Select((e, i) => i == index ? e with { Session = e.Session! with { Weight = 0 } } : i == 0 ? e with { MinCurrentA = e.MaxCurrentA + 1 } : e)],
        };
        var expected = SiteValidator.Validate(bad).Select(e => e.Message).ToList();
        Assert.That(expected, Is.Not.Empty);
        var thrown = Assert.Throws<SiteValidationException>(() => prepared.WithLiveInputs(bad));
        Assert.That(thrown!.Errors.Select(e => e.Message), Is.EqualTo(expected));
    }

    [Test]
    public void Prepared_schedule_equals_cold_schedule()
    {
        for (var seed = 1000; seed < 1030; seed++)
        {
            var site = RandomSites.Generate(seed, withSchedule: true);
            var prepared = PreparedSite.Prepare(site);
            _ = prepared.Allocate(T0);
            var horizon = TimeSpan.FromHours(12);
            var interval = TimeSpan.FromMinutes(30);
            var cold = Json(SmartChargingCalculator.Schedule(site, T0, horizon, interval));
            Assert.That(Json(prepared.Schedule(T0, horizon, interval)), Is.EqualTo(cold), $"seed {seed}");
            Assert.That(Json(prepared.Schedule(T0, horizon, interval)), Is.EqualTo(cold), $"seed {seed}, second call");
        }
    }

    [Test]
    public void Unchanged_evses_get_last_calls_records_and_changed_ones_new_records()
    {
        var site = RandomSites.Generate(42);
        var prepared = PreparedSite.Prepare(site);
        var first = prepared.Allocate(T0);
        var second = prepared.Allocate(T0);
        Assert.That(second.Evses.Zip(first.Evses).All(p => ReferenceEquals(p.First, p.Second)), Is.True, "same inputs: the kept records");
        Assert.That(second.Nodes.Zip(first.Nodes).All(p => ReferenceEquals(p.First, p.Second)), Is.True);
        Assert.That(second.Chargers.Zip(first.Chargers).All(p => ReferenceEquals(p.First, p.Second)), Is.True);

        // One EVSE loses its session: its record (and whatever shares its budget) is new and equals a cold calculation.
        var index = site.Evses.ToList().FindIndex(e => e.Session is not null);
        var changed = site with { Evses = [.. site.Evses.Select((e, i) => i == index ? e with { Session = null } : e)] };
        var third = prepared.WithLiveInputs(changed).Allocate(T0);
        Assert.That(third.Evses[index], Is.Not.SameAs(second.Evses[index]));
        Assert.That(third.Evses[index].Admitted, Is.False);
        Assert.That(Json(third), Is.EqualTo(Json(SmartChargingCalculator.Allocate(changed, T0))));
    }

    /// <summary>Sessions come and go, vehicles change phases, priorities and needs; telemetry is dropped or kept.</summary>
    private static SiteModel Churn(SiteModel site, Random rng)
    {
        var evses = site.Evses.Select(e => rng.NextDouble() switch
        {
            < 0.15 => e with { Session = null },
            < 0.35 => e with
            {
                Session = (e.Session ?? new EvseSession { DepartureAt = T0.AddHours(3) }) with
                {
                    Priority = rng.Next(0, 3),
                    EnergyNeededWh = rng.NextDouble() < 0.5 ? rng.Next(1, 40) * 1000 : null,
                    Phases = rng.NextDouble() < 0.3 ? rng.Next(1, 4) : null,
                    StartedAt = T0.AddMinutes(-rng.Next(0, 300)),
                },
            },
            < 0.45 => e with { Telemetry = null },
            _ => e,
        }).ToList();
        return site with { Evses = evses };
    }

    private static string Json(AllocationResult result) => Write(w => AllocationJsonWriter.WriteAllocation(w, result));

    private static string Json(SmartCharging.Scheduling.ScheduleResult result) => Write(w => AllocationJsonWriter.WriteSchedule(w, result));

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
