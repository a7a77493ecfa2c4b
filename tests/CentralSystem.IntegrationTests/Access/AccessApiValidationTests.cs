using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CentralSystem.IntegrationTests.Server;

namespace CentralSystem.IntegrationTests.Access;

[Category("db")]
[CancelAfter(60_000)]
public class AccessApiValidationTests
{
    private RunningServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await RunningServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Test]
    public async Task Malformed_schedule_and_unknown_time_zone_name_every_field_and_write_nothing()
    {
        var id = AccessControlTests.NewId("bad");
        await _server.RegisterChargerAsync(id, "integration-password-1");
        var response = await _server.Http.PutAsJsonAsync($"/api/chargers/{id}/access-schedule", new
        {
            timeZone = "Mars/Olympus_Mons",
            defaultMode = "Sometimes",
            rules = new[] { new { name = "x", mode = "Managed", days = new[] { "Funday" }, start = "25:00", end = "18:00" } },
        });
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(fields, Is.SupersetOf(new[] { "timeZone", "defaultMode", "rules[0].days", "rules[0].start" }));
        Assert.That((await _server.Http.GetAsync($"/api/chargers/{id}/access-schedule")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Duplicate_identifiers_are_refused_naming_the_field()
    {
        var tag = AccessControlTests.NewId("DUP");
        var twice = await _server.Http.PostAsJsonAsync("/api/vehicles", new
        {
            @class = "Own", identifiers = new[] { new { type = "RFID", value = tag }, new { type = "RFID", value = tag.ToLowerInvariant() } },
        });
        var problem = await ProblemAsync(twice, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("identifiers[1].value", out _), Is.True);

        Assert.That((await _server.Http.PostAsJsonAsync("/api/vehicles", new { id = tag, @class = "Own", identifiers = new[] { new { type = "RFID", value = tag } } })).StatusCode,
            Is.EqualTo(HttpStatusCode.Created));
        var other = await _server.Http.PostAsJsonAsync("/api/vehicles", new { @class = "Own", identifiers = new[] { new { type = "RFID", value = tag } } });
        var conflict = await ProblemAsync(other, HttpStatusCode.Conflict);
        Assert.That(conflict.GetProperty("errors").TryGetProperty("identifiers[0].value", out _), Is.True);
    }

    [Test]
    public async Task Import_with_bad_rows_reports_each_line_and_imports_nothing_unless_partial()
    {
        var agreement = AccessControlTests.NewId("ag");
        Assert.That((await _server.Http.PostAsJsonAsync("/api/agreements", new { id = agreement, name = "Fleet B", validFrom = "2026-01-01T00:00:00Z", validTo = "2027-01-01T00:00:00Z" })).StatusCode,
            Is.EqualTo(HttpStatusCode.Created));
        var good1 = AccessControlTests.NewId("T1");
        var good2 = AccessControlTests.NewId("T2");
        var csv = $"""
            agreementId,vehicleId,vehicleName,identifierType,identifier
            {agreement},{agreement}-v1,Van 1,RFID,{good1}
            {agreement},{agreement}-v2,Van 2,Laser,XYZ
            no-such-agreement,{agreement}-v3,Van 3,RFID,ABC
            {agreement},{agreement}-v4,Van 4,PIN,{good1}
            {agreement},{agreement}-v5,,MAC,{good2}
            """;
        using (var content = new StringContent(csv, Encoding.UTF8, "text/csv"))
        {
            var problem = await ProblemAsync(await _server.Http.PostAsync("/api/agreements/import", content), HttpStatusCode.BadRequest);
            var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();
            Assert.That(errors, Is.EquivalentTo(new[] { (3, "identifierType"), (4, "agreementId"), (5, "identifier") }));
        }

        var none = await _server.Http.GetFromJsonAsync<JsonElement>($"/api/vehicles?agreementId={agreement}");
        Assert.That(none.GetArrayLength(), Is.Zero, "all-or-nothing: nothing half-written");

        using (var content = new StringContent(csv, Encoding.UTF8, "text/csv"))
        {
            var partial = await _server.Http.PostAsync("/api/agreements/import?partial=true", content);
            var body = await partial.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(partial.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.GetProperty("importedRows").GetInt32(), Is.EqualTo(2));
            Assert.That(body.GetProperty("errors").GetArrayLength(), Is.EqualTo(3));
        }

        var imported = await _server.Http.GetFromJsonAsync<JsonElement>($"/api/vehicles?agreementId={agreement}");
        Assert.That(imported.EnumerateArray().Select(v => v.GetProperty("id").GetString()), Is.EquivalentTo(new[] { $"{agreement}-v1", $"{agreement}-v5" }));

        // JSON works the same, and re-importing a row is idempotent.
        var json = await _server.Http.PostAsJsonAsync("/api/agreements/import", new[] { new { agreementId = agreement, vehicleId = $"{agreement}-v1", identifierType = "RFID", identifier = good1 } });
        Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.OK), await json.Content.ReadAsStringAsync());
        var badJson = await _server.Http.PostAsJsonAsync("/api/agreements/import", new[] { new { agreementId = agreement, vehicleId = "", identifierType = "RFID", identifier = "Q" } });
        var jsonProblem = await ProblemAsync(badJson, HttpStatusCode.BadRequest);
        Assert.That(jsonProblem.GetProperty("errors")[0].GetProperty("field").GetString(), Is.EqualTo("vehicleId"));
    }

    [Test]
    public async Task Agreement_validity_window_must_be_ordered_and_site_needs_a_known_zone()
    {
        var agreement = await _server.Http.PostAsJsonAsync("/api/agreements", new { name = "Backwards", validFrom = "2027-01-01T00:00:00Z", validTo = "2026-01-01T00:00:00Z" });
        Assert.That((await ProblemAsync(agreement, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("validTo", out _), Is.True);
        var site = await _server.Http.PutAsJsonAsync($"/api/access-sites/{AccessControlTests.NewId("site")}", new { name = "Depot", timeZone = "Nowhere/Land" });
        Assert.That((await ProblemAsync(site, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("timeZone", out _), Is.True);
    }

    [Test]
    public async Task Charger_inherits_its_site_schedule_and_time_zone()
    {
        var siteId = AccessControlTests.NewId("site");
        var site = await _server.Http.PutAsJsonAsync($"/api/access-sites/{siteId}", new
        {
            name = "Depot North", timeZone = "Australia/Sydney", defaultMode = "Managed",
            rules = new[] { new { name = "open weekend", mode = "Freevend", days = new[] { "Sat", "Sun" }, start = "00:00", end = "00:00" } },
        });
        Assert.That(site.StatusCode, Is.EqualTo(HttpStatusCode.OK), await site.Content.ReadAsStringAsync());
        var id = AccessControlTests.NewId("inh");
        await _server.RegisterChargerAsync(id, "integration-password-1");
        var put = await _server.Http.PutAsJsonAsync($"/api/chargers/{id}/access-schedule", new { siteId, inheritSiteSchedule = true });
        var view = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), view.ToString());
        Assert.That(view.GetProperty("source").GetString(), Is.EqualTo("Site"));
        Assert.That(view.GetProperty("timeZone").GetString(), Is.EqualTo("Australia/Sydney"));
        Assert.That(view.GetProperty("nextSwitchAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        var delete = await _server.Http.DeleteAsync($"/api/access-sites/{siteId}");
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a site with chargers cannot be deleted");
    }
}
