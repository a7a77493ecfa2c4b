using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CentralSystem.IntegrationTests.Server;
using Dapper;
using Npgsql;

namespace CentralSystem.IntegrationTests.Access;

[Category("db")]
[CancelAfter(120_000)]
public class AccessControlTests
{
    private const string Password = "integration-password-1";
    private const string Zone = "Europe/Amsterdam";
    private static readonly TimeZoneInfo AmsterdamZone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
    private RunningServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await RunningServer.StartAsync(
        "--Access:V16FreevendKeys:Acme/X1:Key=FreeVend", "--Access:V16FreevendKeys:Acme/X1:ManagedValue=false",
        "--Access:V16FreevendKeys:Acme/X1:FreevendValue=true", "--Access:ApplyDelaySeconds=0.2");

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    internal static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    internal static string LocalTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, AmsterdamZone).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Rules carry whole seconds: an edge must fall on one.</summary>
    internal static DateTimeOffset WholeSecondsAfter(DateTimeOffset now, int seconds) =>
        new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), now.Offset).AddSeconds(seconds + 1);

    private async Task<TestCharger> ConnectAndBootAsync(string id, string protocol)
    {
        await _server.RegisterChargerAsync(id, Password);
        var charger = await TestCharger.ConnectAsync(_server.OcppUri(id), id, Password, protocol);
        if (protocol == "ocpp1.6")
        {
            await charger.CallResultAsync("BootNotification", new { chargePointVendor = "Acme", chargePointModel = "X1" });
        }
        else
        {
            await charger.CallResultAsync("BootNotification", new { chargingStation = new { model = "Y2", vendorName = "Acme" }, reason = "PowerUp" });
        }

        return charger;
    }

    private async Task<string> AddOwnVehicleAsync(string rfid)
    {
        var response = await _server.Http.PostAsJsonAsync("/api/vehicles", new { name = "bus", @class = "Own", identifiers = new[] { new { type = "RFID", value = rfid } } });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task AddAgreementVehicleAsync(string agreementId, string mac)
    {
        var agreement = await _server.Http.PostAsJsonAsync("/api/agreements", new { id = agreementId, name = "Acme logistics" });
        Assert.That(agreement.StatusCode, Is.EqualTo(HttpStatusCode.Created), await agreement.Content.ReadAsStringAsync());
        using var csv = new StringContent($"agreementId,vehicleId,vehicleName,identifierType,identifier\n{agreementId},{agreementId}-van,Van,MAC,{mac}\n", Encoding.UTF8, "text/csv");
        var import = await _server.Http.PostAsync("/api/agreements/import", csv);
        Assert.That(import.StatusCode, Is.EqualTo(HttpStatusCode.OK), await import.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> PutScheduleAsync(string chargerId, object body) =>
        _server.Http.PutAsJsonAsync($"/api/chargers/{chargerId}/access-schedule", body);

    private static object AlwaysManaged => new
    {
        timeZone = Zone,
        defaultMode = "Freevend",
        rules = new[] { new { name = "always", mode = "Managed", days = new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" }, start = "00:00", end = "00:00" } },
    };

    private async Task<JsonElement> AccessAsync(string chargerId) =>
        await _server.Http.GetFromJsonAsync<JsonElement>($"/api/chargers/{chargerId}/access");

    [Test]
    public async Task Edge_a_few_seconds_ahead_fires_and_a_1_6_charger_gets_the_switch_ClearCache_and_local_list()
    {
        var id = NewId("edge16");
        var own = NewId("OWN")[..20]; // 1.6 idTag: at most 20 characters
        await AddOwnVehicleAsync(own);
        await using var charger = await ConnectAndBootAsync(id, "ocpp1.6");

        var edge = WholeSecondsAfter(DateTimeOffset.UtcNow, 5);
        var response = await PutScheduleAsync(id, new
        {
            timeZone = Zone,
            defaultMode = "Freevend",
            rules = new[] { new { name = "fleet hours", mode = "Managed", days = new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" }, start = LocalTime(edge), end = LocalTime(edge.AddHours(1)) } },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(view.GetProperty("mode").GetString(), Is.EqualTo("Freevend"));
        Assert.That(view.GetProperty("nextMode").GetString(), Is.EqualTo("Managed"));

        // Now: Freevend is applied at once with the model's vendor key.
        var freevend = await charger.ExpectCallAsync("ChangeConfiguration", AccessTestCharger.Accepted);
        Assert.That((freevend.GetProperty("key").GetString(), freevend.GetProperty("value").GetString()), Is.EqualTo(("FreeVend", "true")));

        // At the edge (a Quartz trigger in the PostgreSQL job store): Managed.
        var managed = await charger.ExpectCallAsync("ChangeConfiguration", AccessTestCharger.Accepted, TimeSpan.FromSeconds(30));
        Assert.That(DateTimeOffset.UtcNow, Is.GreaterThanOrEqualTo(edge.AddMilliseconds(-50)));
        Assert.That((managed.GetProperty("key").GetString(), managed.GetProperty("value").GetString()), Is.EqualTo(("FreeVend", "false")));
        var offline = await charger.ExpectCallAsync("ChangeConfiguration", AccessTestCharger.Accepted);
        Assert.That((offline.GetProperty("key").GetString(), offline.GetProperty("value").GetString()), Is.EqualTo(("AllowOfflineTxForUnknownId", "false")));
        await charger.ExpectCallAsync("ClearCache", AccessTestCharger.Accepted);
        var list = await charger.ExpectCallAsync("SendLocalList", AccessTestCharger.Accepted);
        Assert.That(list.GetProperty("updateType").GetString(), Is.EqualTo("Full"));
        Assert.That(list.GetProperty("listVersion").GetInt32(), Is.GreaterThanOrEqualTo(1));
        Assert.That(list.GetProperty("localAuthorizationList").EnumerateArray().Select(e => e.GetProperty("idTag").GetString()), Does.Contain(own));

        // CSMS-side decisions in Managed, recorded as access events.
        var stranger = NewId("STR")[..20];
        var denied = await charger.CallResultAsync("Authorize", new { idTag = stranger });
        Assert.That(denied.GetProperty("idTagInfo").GetProperty("status").GetString(), Is.EqualTo("Invalid"));
        var allowed = await charger.CallResultAsync("Authorize", new { idTag = own });
        Assert.That(allowed.GetProperty("idTagInfo").GetProperty("status").GetString(), Is.EqualTo("Accepted"));
        var start = await charger.CallResultAsync("StartTransaction", new { connectorId = 1, idTag = stranger, meterStart = 0, timestamp = DateTimeOffset.UtcNow.ToString("O") });
        Assert.That(start.GetProperty("idTagInfo").GetProperty("status").GetString(), Is.EqualTo("Invalid"));

        var events = await _server.Http.GetFromJsonAsync<JsonElement>($"/api/access-events?chargerId={id}&decision=Denied");
        Assert.That(events.GetArrayLength(), Is.EqualTo(2));
        var first = events[events.GetArrayLength() - 1];
        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("identifier").GetString(), Is.EqualTo(stranger));
            Assert.That(first.GetProperty("accessClass").GetString(), Is.EqualTo("Unknown"));
            Assert.That(first.GetProperty("reason").GetString(), Is.EqualTo("UnknownIdentifier"));
            Assert.That(first.GetProperty("rule").GetString(), Is.EqualTo("fleet hours"));
            Assert.That(first.GetProperty("protocol").GetString(), Is.EqualTo("1.6"));
            Assert.That(first.GetProperty("mode").GetString(), Is.EqualTo("Managed"));
        });

        var access = await AccessAsync(id);
        Assert.That(access.GetProperty("mode").GetString(), Is.EqualTo("Managed"));
        Assert.That(access.GetProperty("modeChange").GetString(), Is.EqualTo("Applied"));

        // Denials are not faults: no connector status was touched.
        await using var db = new NpgsqlConnection(TestDatabase.ConnectionString);
        Assert.That(await db.QuerySingleAsync<long>("SELECT count(*) FROM connector_status WHERE charger_id = @id", new { id }), Is.Zero);
    }

    [Test]
    public async Task V201_managed_charger_gets_SetVariables_ClearCache_local_list_and_unknown_gets_NotAtThisTime_with_a_message()
    {
        var id = NewId("m201");
        var own = NewId("OWN");
        var mac = "02:" + string.Join(":", Guid.NewGuid().ToByteArray().Take(5).Select(b => b.ToString("X2")));
        await AddOwnVehicleAsync(own);
        await AddAgreementVehicleAsync(NewId("ag"), mac);
        await using var charger = await ConnectAndBootAsync(id, "ocpp2.0.1");

        Assert.That((await PutScheduleAsync(id, AlwaysManaged)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var set = await charger.ExpectSetVariablesAsync();
        var variables = set.GetProperty("setVariableData").EnumerateArray()
            .Select(d => $"{d.GetProperty("component").GetProperty("name").GetString()}.{d.GetProperty("variable").GetProperty("name").GetString()}={d.GetProperty("attributeValue").GetString()}")
            .ToList();
        Assert.That(variables, Is.SupersetOf(new[] { "AuthCtrlr.Enabled=true", "AuthCtrlr.OfflineTxForUnknownIdEnabled=false" }));
        await charger.ExpectCallAsync("ClearCache", AccessTestCharger.Accepted);
        var list = await charger.ExpectCallAsync("SendLocalList", AccessTestCharger.Accepted);
        var tokens = list.GetProperty("localAuthorizationList").EnumerateArray().Select(e => e.GetProperty("idToken").GetProperty("idToken").GetString()).ToList();
        Assert.That(tokens, Does.Contain(own).And.Contain(mac));

        var denied = (await charger.CallResultAsync("Authorize", new { idToken = new { idToken = "STRANGER-1", type = "ISO14443" } })).GetProperty("idTokenInfo");
        Assert.That(denied.GetProperty("status").GetString(), Is.EqualTo("NotAtThisTime"));
        Assert.That(denied.GetProperty("personalMessage").GetProperty("format").GetString(), Is.EqualTo("UTF8"));
        Assert.That(denied.GetProperty("personalMessage").GetProperty("content").GetString(), Does.StartWith("Access denied"));

        var ownInfo = (await charger.CallResultAsync("Authorize", new { idToken = new { idToken = own, type = "ISO14443" } })).GetProperty("idTokenInfo");
        Assert.That(ownInfo.GetProperty("status").GetString(), Is.EqualTo("Accepted"));
        // Agreement vehicle by MAC, spelled differently by the charger.
        var agreementInfo = (await charger.CallResultAsync("Authorize", new { idToken = new { idToken = mac.Replace(":", "-", StringComparison.Ordinal).ToLowerInvariant(), type = "MacAddress" } })).GetProperty("idTokenInfo");
        Assert.That(agreementInfo.GetProperty("status").GetString(), Is.EqualTo("Accepted"));

        var started = await charger.CallResultAsync("TransactionEvent", new
        {
            eventType = "Started", timestamp = DateTimeOffset.UtcNow.ToString("O"), triggerReason = "Authorized", seqNo = 0,
            transactionInfo = new { transactionId = NewId("tx") }, evse = new { id = 1, connectorId = 1 }, idToken = new { idToken = "STRANGER-2", type = "ISO14443" },
        });
        Assert.That(started.GetProperty("idTokenInfo").GetProperty("status").GetString(), Is.EqualTo("NotAtThisTime"));

        var events = await _server.Http.GetFromJsonAsync<JsonElement>($"/api/access-events?chargerId={id}");
        var decisions = events.EnumerateArray().Select(e => (e.GetProperty("accessClass").GetString(), e.GetProperty("decision").GetString())).ToList();
        Assert.That(decisions, Is.EquivalentTo(new[] { ("Unknown", "Denied"), ("Own", "Allowed"), ("Agreement", "Allowed"), ("Unknown", "Denied") }));
        var withEvse = events.EnumerateArray().Single(e => e.GetProperty("trigger").GetString() == "TransactionEvent");
        Assert.That(withEvse.GetProperty("evseId").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Charger_offline_at_the_switch_gets_its_mode_on_BootNotification()
    {
        var id = NewId("off");
        await _server.RegisterChargerAsync(id, Password);
        Assert.That((await PutScheduleAsync(id, AlwaysManaged)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Task.Delay(500);
        var before = await AccessAsync(id);
        Assert.That(before.GetProperty("mode").GetString(), Is.EqualTo("Managed"));
        Assert.That(before.GetProperty("modeChange").GetString(), Is.EqualTo("Pending"));

        await using var charger = await TestCharger.ConnectAsync(_server.OcppUri(id), id, Password, "ocpp2.0.1");
        await charger.CallResultAsync("BootNotification", new { chargingStation = new { model = "Y2", vendorName = "Acme" }, reason = "PowerUp" });
        await charger.ExpectSetVariablesAsync();
        await charger.ExpectCallAsync("ClearCache", AccessTestCharger.Accepted);
        await charger.ExpectCallAsync("SendLocalList", AccessTestCharger.Accepted);
        await Task.Delay(300);
        Assert.That((await AccessAsync(id)).GetProperty("modeChange").GetString(), Is.EqualTo("Applied"));
    }

    [Test]
    public async Task Charger_that_rejects_the_switch_is_shown_rejected_and_the_CSMS_still_enforces_Managed()
    {
        var id = NewId("rej");
        await using var charger = await ConnectAndBootAsync(id, "ocpp2.0.1");
        Assert.That((await PutScheduleAsync(id, AlwaysManaged)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await charger.ExpectSetVariablesAsync("Rejected");
        await charger.ExpectCallAsync("ClearCache", new { status = "Rejected" });
        await charger.ExpectCallAsync("SendLocalList", new { status = "Failed" });
        await Task.Delay(300);
        var access = await AccessAsync(id);
        Assert.That(access.GetProperty("modeChange").GetString(), Is.EqualTo("Rejected"));
        Assert.That(access.GetProperty("state").GetProperty("applyDetail").GetString(), Does.Contain("AuthCtrlr.Enabled: Rejected"));

        var denied = (await charger.CallResultAsync("Authorize", new { idToken = new { idToken = "STRANGER-3", type = "ISO14443" } })).GetProperty("idTokenInfo");
        Assert.That(denied.GetProperty("status").GetString(), Is.EqualTo("NotAtThisTime"));
    }

    [Test]
    public async Task Operator_remote_start_goes_through_the_policy()
    {
        var id = NewId("rs");
        var own = NewId("OWN")[..20];
        await AddOwnVehicleAsync(own);
        await using var charger = await ConnectAndBootAsync(id, "ocpp1.6");
        Assert.That((await PutScheduleAsync(id, AlwaysManaged)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        foreach (var action in new[] { "ChangeConfiguration", "ChangeConfiguration", "ClearCache", "SendLocalList" })
        {
            await charger.ExpectCallAsync(action, AccessTestCharger.Accepted);
        }

        var denied = await _server.Http.PostAsJsonAsync($"/api/chargers/{id}/remote-start", new { idToken = "NOBODY", connectorId = 1 });
        Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await denied.Content.ReadAsStringAsync());

        var allowed = _server.Http.PostAsJsonAsync($"/api/chargers/{id}/remote-start", new { idToken = own, connectorId = 1 });
        var sent = await charger.ExpectCallAsync("RemoteStartTransaction", AccessTestCharger.Accepted);
        Assert.That(sent.GetProperty("idTag").GetString(), Is.EqualTo(own));
        Assert.That((await allowed).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var events = await _server.Http.GetFromJsonAsync<JsonElement>($"/api/access-events?chargerId={id}");
        Assert.That(events.EnumerateArray().Select(e => (e.GetProperty("trigger").GetString(), e.GetProperty("decision").GetString())),
            Is.EquivalentTo(new[] { ("RemoteStart", "Denied"), ("RemoteStart", "Allowed") }));
    }
}
