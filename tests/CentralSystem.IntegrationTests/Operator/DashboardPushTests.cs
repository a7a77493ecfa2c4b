using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CentralSystem.IntegrationTests.Server;

namespace CentralSystem.IntegrationTests.Operator;

/// <summary>What the dashboard hub pushes beyond charger events: site allocations and access modes, each within 1 s.</summary>
[Category("db")]
[CancelAfter(60_000)]
public class DashboardPushTests : OperatorServerFixture
{
    private static readonly TimeSpan PushBudget = TimeSpan.FromSeconds(1);
    private readonly List<string> _sites = [];

    // No sites left behind for the next server start to load.
    protected override async Task CleanUpAsync()
    {
        foreach (var site in _sites)
        {
            await Server.Http.DeleteAsync($"/api/sites/{site}");
        }
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private async Task PutSiteAsync(string siteId, string chargerId, double circuitA)
    {
        _sites.Add(siteId);
        var json = JsonSerializer.Serialize(new
        {
            nodes = new object[]
            {
                new { id = "root", kind = "site" },
                new { id = "circuit", parent = "root", kind = "circuit", import = new { currentA = circuitA } },
                new { id = chargerId, parent = "circuit", kind = "charger", import = new { currentA = 32 }, safeImport = new { currentA = 8 } },
            },
            evses = new[] { new { id = $"{chargerId}/1", parent = chargerId, minCurrentA = 6, maxCurrentA = 32 } },
        });
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await Server.Http.PutAsync($"/api/sites/{siteId}", content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static bool IsSite(JsonElement allocation, string siteId) => allocation.GetProperty("siteId").GetString() == siteId;

    private static JsonElement Node(JsonElement allocation, string nodeId) =>
        allocation.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("nodeId").GetString() == nodeId);

    private static double? CircuitLimitA(JsonElement allocation)
    {
        var limit = Node(allocation, "circuit").GetProperty("effectiveImport").GetProperty("currentA");
        return limit.ValueKind == JsonValueKind.Number ? limit.GetDouble() : null;
    }

    [Test]
    public async Task Site_allocation_is_pushed_within_a_second_of_a_limit_change_in_the_rest_shape()
    {
        var (site, charger) = (NewId("push-site"), NewId("push-cp"));
        await using var hub = await DashboardHubClient.ConnectAsync(Server, OperatorServer.ViewerKey);
        await PutSiteAsync(site, charger, 32);
        var first = await hub.WaitForAsync("SiteAllocation", a => IsSite(a, site), PushBudget * 3);
        Assert.That(CircuitLimitA(first.Argument), Is.EqualTo(32));

        // The push carries what GET /api/sites/{id}/allocation carries, with enum names, and one "why" per EVSE.
        var rest = await Server.Http.GetFromJsonAsync<JsonElement>($"/api/sites/{site}/allocation");
        Assert.That(Node(first.Argument, "circuit").GetProperty("kind").GetString(), Is.EqualTo(Node(rest, "circuit").GetProperty("kind").GetString()));
        Assert.That(Node(first.Argument, "circuit").GetProperty("limitSources")[0].GetProperty("kind").GetString(), Is.EqualTo("NodeLimit"));
        var evse = first.Argument.GetProperty("evses").EnumerateArray().Single();
        Assert.That(evse.GetProperty("evseId").GetString(), Is.EqualTo($"{charger}/1"));
        Assert.That(evse.GetProperty("lineage").GetArrayLength(), Is.LessThanOrEqualTo(1));
        Assert.That(evse.TryGetProperty("limit", out _), Is.True);
        Assert.That(first.Argument.GetProperty("breaches").ValueKind, Is.EqualTo(JsonValueKind.Array));

        var patchedAt = TimeProvider.System.GetUtcNow();
        var patch = await Server.Http.PatchAsJsonAsync($"/api/sites/{site}/nodes/circuit", new { import = new { currentA = 20 } });
        Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patch.Content.ReadAsStringAsync());
        var lowered = await hub.WaitForAsync("SiteAllocation", a => IsSite(a, site) && CircuitLimitA(a) == 20, PushBudget * 3);
        Assert.That(lowered.ReceivedAt - patchedAt, Is.LessThan(PushBudget), "pushed within 1 s of the change");
    }

    [Test]
    public async Task Site_watchers_get_their_site_once_even_in_the_all_group()
    {
        var (site, charger) = (NewId("push-site"), NewId("push-cp"));
        await using var hub = await DashboardHubClient.ConnectAsync(Server, OperatorServer.ViewerKey);
        await hub.InvokeAsync("WatchSite", site);
        await PutSiteAsync(site, charger, 16);
        await hub.WaitForAsync("SiteAllocation", a => IsSite(a, site), PushBudget * 3);
        var patch = await Server.Http.PatchAsJsonAsync($"/api/sites/{site}/nodes/circuit", new { import = new { currentA = 10 } });
        Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var pushed = await hub.WaitForAsync("SiteAllocation", a => IsSite(a, site) && CircuitLimitA(a) == 10, PushBudget * 3);

        // In both groups (all + site:{id}), one message per recalculation: the same result (same instant) never comes twice.
        var at = pushed.Argument.GetProperty("at").GetString();
        var duplicate = hub.WaitForAsync("SiteAllocation", a => IsSite(a, site) && a.GetProperty("at").GetString() == at, TimeSpan.FromMilliseconds(400));
        Assert.That(async () => await duplicate, Throws.TypeOf<TimeoutException>());
    }

    [Test]
    public async Task Access_mode_and_next_switch_are_pushed_and_in_the_snapshot()
    {
        var charger = NewId("push-acc");
        await Server.RegisterChargerAsync(charger, "integration-password-1");
        await using var hub = await DashboardHubClient.ConnectAsync(Server, OperatorServer.ViewerKey);

        var today = TimeProvider.System.GetUtcNow();
        var start = today.AddHours(2).ToString("HH:00", System.Globalization.CultureInfo.InvariantCulture);
        var end = today.AddHours(3).ToString("HH:00", System.Globalization.CultureInfo.InvariantCulture);
        var changedAt = TimeProvider.System.GetUtcNow();
        var put = await Server.Http.PutAsJsonAsync($"/api/chargers/{charger}/access-schedule", new
        {
            timeZone = "UTC",
            defaultMode = "Managed",
            rules = new[] { new { name = "open later", mode = "Freevend", days = new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" }, start, end } },
        });
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        var (pushed, receivedAt) = await hub.WaitForEventAsync(
            e => e.GetProperty("type").GetString() == "accessMode" && e.GetProperty("chargerId").GetString() == charger, PushBudget * 3);
        Assert.That(receivedAt - changedAt, Is.LessThan(PushBudget + TimeSpan.FromMilliseconds(500)), "pushed within about 1 s of the edit");
        Assert.That(pushed.GetProperty("accessMode").GetString(), Is.EqualTo("Managed"));
        Assert.That(pushed.GetProperty("nextMode").GetString(), Is.EqualTo("Freevend"));
        Assert.That(pushed.GetProperty("nextSwitchAt").GetDateTimeOffset(), Is.GreaterThan(today).And.LessThan(today.AddHours(3)));

        var snapshot = await ViewerClient.GetFromJsonAsync<JsonElement>("/api/dashboard/snapshot");
        var access = snapshot.GetProperty("chargers").EnumerateArray().Single(c => c.GetProperty("id").GetString() == charger).GetProperty("access");
        Assert.That(access.GetProperty("mode").GetString(), Is.EqualTo("Managed"));
        Assert.That(access.GetProperty("nextMode").GetString(), Is.EqualTo("Freevend"));
        Assert.That(access.GetProperty("nextSwitchAt").GetDateTimeOffset(), Is.EqualTo(pushed.GetProperty("nextSwitchAt").GetDateTimeOffset()));

        Assert.That((await Server.Http.DeleteAsync($"/api/chargers/{charger}/access-schedule")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        // Applying the new mode may re-evaluate once more (still Managed) before the removal arrives.
        var (removed, _) = await hub.WaitForEventAsync(
            e => e.GetProperty("type").GetString() == "accessMode" && e.GetProperty("chargerId").GetString() == charger
                 && e.GetProperty("accessMode").GetString() == "None", PushBudget * 3);
        Assert.That(removed.GetProperty("nextSwitchAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }
}
