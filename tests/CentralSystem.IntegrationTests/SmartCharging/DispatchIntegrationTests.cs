using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CentralSystem.IntegrationTests.Server;

namespace CentralSystem.IntegrationTests.SmartCharging;

/// <summary>Issue 4 dispatch: simulated 1.6 and 2.0.1 chargers on one shared circuit, driven through the real host.</summary>
[Category("db")]
[CancelAfter(60_000)]
public class DispatchIntegrationTests
{
    private const string Password = "integration-password-1";
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(1);
    private readonly List<string> _sites = [];
    private RunningServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await RunningServer.StartAsync(
        "--SmartCharging:BootDelayMilliseconds=100", "--SmartCharging:RetryBaseSeconds=0.5", "--SmartCharging:MaxRetrySeconds=1");

    [OneTimeTearDown]
    public async Task StopServer()
    {
        // The test database is shared across runs: leave no sites behind for the next server start to load.
        foreach (var site in _sites)
        {
            await _server.Http.DeleteAsync($"/api/sites/{site}");
        }

        await _server.DisposeAsync();
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private static string Site(string circuitId, double circuitA, params (string Charger, string Strategy)[] chargers) => JsonSerializer.Serialize(new
    {
        nodes = new object[]
        {
            new { id = "root", kind = "site" },
            new { id = circuitId, parent = "root", kind = "circuit", import = new { currentA = circuitA } },
        }.Concat(chargers.Select(c => (object)new
        {
            id = c.Charger, parent = circuitId, kind = "charger", import = new { currentA = 32 }, safeImport = new { currentA = 8 }, strategy = c.Strategy,
        })).ToArray(),
        evses = chargers.Select(c => new { id = $"{c.Charger}/1", parent = c.Charger, minCurrentA = 6, maxCurrentA = 32 }).ToArray(),
    });

    private async Task PutSiteAsync(string siteId, string json)
    {
        _sites.Add(siteId);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await _server.Http.PutAsync($"/api/sites/{siteId}", content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private async Task<SimCharger> ConnectAsync(string id, string protocol)
    {
        await _server.RegisterChargerAsync(id, Password);
        var charger = await SimCharger.ConnectAsync(_server.OcppUri(id), id, Password, protocol);
        await charger.BootAsync();
        return charger;
    }

    private static Task<JsonElement> TxProfileAsync(SimCharger charger, Func<double, bool>? limit = null, TimeSpan? within = null) =>
        charger.NextProfileAsync(p => SimCharger.Purpose(p) == "TxProfile" && (limit?.Invoke(SimCharger.Limit(p)) ?? true), within);

    [Test]
    public async Task Second_session_on_a_shared_circuit_lowers_both_within_a_second_and_a_lowered_circuit_follows()
    {
        var (a, b, site) = (NewId("sc-a"), NewId("sc-b"), NewId("site"));
        await PutSiteAsync(site, Site("circuit", 32, (a, "connector"), (b, "connector")));
        await using var ca = await ConnectAsync(a, "ocpp1.6");
        await using var cb = await ConnectAsync(b, "ocpp2.0.1");

        // Boot installs the safe TxDefault (charger safeImport 8 A) on connector/EVSE 0, without validTo.
        var safeA = await ca.NextProfileAsync(p => SimCharger.Purpose(p) == "TxDefaultProfile");
        Assert.That(safeA.GetProperty("connectorId").GetInt32(), Is.Zero);
        Assert.That(SimCharger.Limit(safeA), Is.EqualTo(8));
        Assert.That(SimCharger.Profile(safeA).TryGetProperty("validTo", out _), Is.False);
        var safeB = await cb.NextProfileAsync(p => SimCharger.Purpose(p) == "TxDefaultProfile");
        Assert.That(safeB.GetProperty("evseId").GetInt32(), Is.Zero);

        var txA = await ca.StartAsync(1, "unused");
        var first = await TxProfileAsync(ca, l => l > 30, Fast * 2);
        Assert.That(SimCharger.Profile(first).GetProperty("transactionId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(txA));
        Assert.That(SimCharger.Profile(first).TryGetProperty("validTo", out _), Is.True, "dynamic profiles carry a validity");

        await cb.StartAsync(1, "TX-" + b[^6..]);
        var lowerA = TxProfileAsync(ca, l => l <= 16, Fast);
        var lowerB = TxProfileAsync(cb, l => l <= 16, Fast);
        var (pa, pb) = (await lowerA, await lowerB);
        Assert.That(SimCharger.Limit(pa) + SimCharger.Limit(pb), Is.LessThanOrEqualTo(32));
        Assert.That(SimCharger.Profile(pb).GetProperty("transactionId").GetString(), Is.EqualTo("TX-" + b[^6..]));

        var patch = await _server.Http.PatchAsJsonAsync($"/api/sites/{site}/nodes/circuit", new { import = new { currentA = 20 } });
        Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patch.Content.ReadAsStringAsync());
        var (qa, qb) = (await TxProfileAsync(ca, l => l <= 10, Fast), await TxProfileAsync(cb, l => l <= 10, Fast));
        Assert.That(SimCharger.Limit(qa) + SimCharger.Limit(qb), Is.LessThanOrEqualTo(20));

        var allocation = await _server.Http.GetFromJsonAsync<JsonElement>($"/api/sites/{site}/allocation");
        Assert.That(allocation.GetProperty("evses").GetArrayLength(), Is.EqualTo(2));

        // What charger A applies, from the profiles it accepted (TxProfile over the 8 A TxDefault while it charges).
        var deadline = DateTimeOffset.UtcNow.AddSeconds(5);
        var composite = await _server.Http.GetFromJsonAsync<JsonElement>($"/api/chargers/{a}/composite-schedule?evseId=1&minutes=30");
        while (composite.GetProperty("periods")[0].GetProperty("limit").GetDouble() > 10 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
            composite = await _server.Http.GetFromJsonAsync<JsonElement>($"/api/chargers/{a}/composite-schedule?evseId=1&minutes=30");
        }

        Assert.That(composite.GetProperty("periods")[0].GetProperty("limit").GetDouble(), Is.LessThanOrEqualTo(10).And.GreaterThan(0), composite.ToString());
        Assert.That((await _server.Http.GetAsync($"/api/chargers/{a}/composite-schedule?unit=kW")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [TestCase("ocpp1.6", "Power")]
    [TestCase("ocpp2.0.1", "W")]
    public async Task A_charger_that_only_takes_watts_gets_its_profiles_in_watts(string protocol, string rateUnit)
    {
        var (a, site) = (NewId("sc-w"), NewId("site"));
        await PutSiteAsync(site, Site("circuit", 16, (a, "connector")));
        await _server.RegisterChargerAsync(a, Password);
        await using var ca = await SimCharger.ConnectAsync(_server.OcppUri(a), a, Password, protocol);
        ca.RateUnit = rateUnit;
        await ca.BootAsync();

        // After the unit is known the safe default goes out again, now in W (8 A × 230 V × 3 phases).
        var safe = await ca.NextProfileAsync(p => SimCharger.Purpose(p) == "TxDefaultProfile" && Unit(p) == "W", TimeSpan.FromSeconds(5));
        Assert.That(SimCharger.Limit(safe), Is.EqualTo(8 * 230 * 3).Within(1));
        await ca.StartAsync(1, "TX-W" + a[^4..]);
        var tx = await TxProfileAsync(ca, within: TimeSpan.FromSeconds(3));
        Assert.That(Unit(tx), Is.EqualTo("W"));
        Assert.That(SimCharger.Limit(tx), Is.EqualTo(16 * 230 * 3).Within(1));
    }

    private static string Unit(JsonElement payload)
    {
        var schedule = SimCharger.Profile(payload).GetProperty("chargingSchedule");
        return (schedule.ValueKind == JsonValueKind.Array ? schedule[0] : schedule).GetProperty("chargingRateUnit").GetString()!;
    }

    [Test]
    public async Task Charger_strategy_sends_station_max_profiles()
    {
        var (a, site) = (NewId("sc-m"), NewId("site"));
        await PutSiteAsync(site, Site("circuit", 16, (a, "charger")));
        await using var ca = await ConnectAsync(a, "ocpp2.0.1");
        var safe = await ca.NextProfileAsync(p => SimCharger.Profile(p).GetProperty("stackLevel").GetInt32() == 0);
        Assert.That(SimCharger.Purpose(safe), Is.EqualTo("ChargingStationMaxProfile"));

        await ca.StartAsync(1, "TX-M");
        var max = await ca.NextProfileAsync(p => SimCharger.Purpose(p) == "ChargingStationMaxProfile" && SimCharger.Profile(p).GetProperty("stackLevel").GetInt32() == 1
            && SimCharger.Limit(p) > 15, Fast * 2);
        Assert.That(max.GetProperty("evseId").GetInt32(), Is.Zero);
        Assert.That(SimCharger.Limit(max), Is.EqualTo(16));
    }

    [Test]
    public async Task Rejected_profile_is_retried_and_visible()
    {
        var (a, site) = (NewId("sc-r"), NewId("site"));
        await PutSiteAsync(site, Site("circuit", 32, (a, "connector")));
        await using var ca = await ConnectAsync(a, "ocpp1.6");
        await ca.NextProfileAsync(p => SimCharger.Purpose(p) == "TxDefaultProfile");
        ca.ProfileAnswer = "Rejected";
        await ca.StartAsync(1, "unused");
        await TxProfileAsync(ca);
        await TxProfileAsync(ca, within: TimeSpan.FromSeconds(3));

        var profiles = await WaitForAsync(a, p => p.GetProperty("purpose").GetString() == "TxProfile" && p.GetProperty("status").GetString() == "Rejected"
            && p.GetProperty("attempts").GetInt32() >= 2);
        Assert.That(profiles.GetProperty("lastError").GetString(), Does.Contain("Rejected"));

        ca.ProfileAnswer = "Accepted";
        await WaitForAsync(a, p => p.GetProperty("purpose").GetString() == "TxProfile" && p.GetProperty("status").GetString() == "Accepted");
    }

    [Test]
    public async Task Invalid_site_is_rejected_naming_the_node()
    {
        const string json = """
            { "nodes": [ { "id": "root", "kind": "site" }, { "id": "feeder-x", "parent": "nowhere", "kind": "circuit" } ], "evses": [] }
            """;
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await _server.Http.PutAsync($"/api/sites/{NewId("bad")}", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Contain("feeder-x"));
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("feeder-x", out _), Is.True, body);
    }

    [Test]
    public async Task Site_is_stored_versioned_listed_and_deleted()
    {
        var site = NewId("site");
        await PutSiteAsync(site, Site("circuit", 32, (NewId("sc-s"), "connector")));
        await PutSiteAsync(site, Site("circuit", 40, (NewId("sc-s"), "connector")));
        var stored = await _server.Http.GetFromJsonAsync<JsonElement>($"/api/sites/{site}");
        Assert.That(stored.GetProperty("nodes")[1].GetProperty("import").GetProperty("currentA").GetDouble(), Is.EqualTo(40));
        var list = await _server.Http.GetFromJsonAsync<JsonElement>("/api/sites");
        Assert.That(list.EnumerateArray().Single(s => s.GetProperty("id").GetString() == site).GetProperty("version").GetInt32(), Is.EqualTo(2));
        Assert.That((await _server.Http.DeleteAsync($"/api/sites/{site}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await _server.Http.GetAsync($"/api/sites/{site}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Session_running_before_the_site_is_defined_gets_its_profile_when_it_is()
    {
        var (a, site) = (NewId("sc-p"), NewId("site"));
        await using var ca = await ConnectAsync(a, "ocpp2.0.1");
        await ca.StartAsync(1, "TX-EARLY");
        await PutSiteAsync(site, Site("circuit", 20, (a, "connector")));
        var tx = await TxProfileAsync(ca, l => l > 19, Fast * 2);
        Assert.That(SimCharger.Profile(tx).GetProperty("transactionId").GetString(), Is.EqualTo("TX-EARLY"));

        // Connected before its site existed: the safe default is installed when the site is defined (sent first).
        Assert.That(ca.AllProfiles.Select(SimCharger.Purpose), Does.Contain("TxDefaultProfile"));
    }

    [Test]
    public async Task Charger_bound_to_another_site_is_rejected()
    {
        var (a, first, second) = (NewId("sc-c"), NewId("site"), NewId("site"));
        await PutSiteAsync(first, Site("circuit", 20, (a, "connector")));
        using var content = new StringContent(Site("circuit", 20, (a, "connector")), Encoding.UTF8, "application/json");
        var response = await _server.Http.PutAsync($"/api/sites/{second}", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Contain(first));
    }

    [Test]
    public async Task Restarted_central_system_reloads_sites_and_running_sessions()
    {
        var (a, site) = (NewId("sc-x"), NewId("site"));
        await PutSiteAsync(site, Site("circuit", 24, (a, "connector")));
        await using (var before = await ConnectAsync(a, "ocpp2.0.1"))
        {
            await before.StartAsync(1, "TX-KEEP");
            await TxProfileAsync(before, l => l > 23, Fast * 2);
        }

        // A second host on the same database knows the site and the running session without being told again.
        await using var restarted = await RunningServer.StartAsync("--SmartCharging:BootDelayMilliseconds=100");
        await using var after = await SimCharger.ConnectAsync(restarted.OcppUri(a), a, Password, "ocpp2.0.1");
        await after.BootAsync();
        await after.NextProfileAsync(p => SimCharger.Purpose(p) == "TxDefaultProfile");
        var tx = await TxProfileAsync(after, l => l > 23, Fast * 2);
        Assert.That(SimCharger.Profile(tx).GetProperty("transactionId").GetString(), Is.EqualTo("TX-KEEP"));
    }

    [Test]
    public async Task Meter_values_feed_telemetry_and_old_ones_count_as_stale()
    {
        var (a, site) = (NewId("sc-t"), NewId("site"));
        await PutSiteAsync(site, Site("circuit", 32, (a, "connector")));
        await using var ca = await ConnectAsync(a, "ocpp1.6");
        var tx = int.Parse(await ca.StartAsync(1, "unused"), System.Globalization.CultureInfo.InvariantCulture);
        await ca.CallAsync("MeterValues", new
        {
            connectorId = 1, transactionId = tx,
            meterValue = new[] { new { timestamp = "2020-01-01T00:00:00Z", sampledValue = new[] { new { value = "10", measurand = "Current.Import", phase = "L1", unit = "A" } } } },
        });

        for (var i = 0; i < 30; i++)
        {
            var allocation = await _server.Http.GetFromJsonAsync<JsonElement>($"/api/sites/{site}/allocation");
            if (allocation.GetProperty("evses")[0].GetProperty("stale").GetBoolean())
            {
                Assert.Pass();
            }

            await Task.Delay(100);
        }

        Assert.Fail("telemetry from 2020 was not treated as stale");
    }

    private async Task<JsonElement> WaitForAsync(string chargerId, Func<JsonElement, bool> predicate)
    {
        for (var i = 0; i < 50; i++)
        {
            var rows = await _server.Http.GetFromJsonAsync<JsonElement>($"/api/chargers/{chargerId}/profiles");
            foreach (var row in rows.EnumerateArray())
            {
                if (predicate(row))
                {
                    return row;
                }
            }

            await Task.Delay(100);
        }

        throw new AssertionException($"no matching profile record: {await _server.Http.GetStringAsync($"/api/chargers/{chargerId}/profiles")}");
    }
}
