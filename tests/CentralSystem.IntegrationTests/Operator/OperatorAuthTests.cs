using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CentralSystem.IntegrationTests.Server;

namespace CentralSystem.IntegrationTests.Operator;

[Category("db")]
[CancelAfter(60_000)]
public class OperatorAuthTests
{
    private RunningServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await RunningServer.StartAsync(OperatorServer.Settings);

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task Api_without_credentials_is_401_and_with_unknown_key_too()
    {
        using var anonymous = OperatorServer.Client(_server, null);
        using var wrong = OperatorServer.Client(_server, "not-a-key-at-all-12345");
        Assert.That((int)(await anonymous.GetAsync("/api/chargers")).StatusCode, Is.EqualTo(401));
        Assert.That((int)(await wrong.GetAsync("/api/chargers")).StatusCode, Is.EqualTo(401));
        Assert.That((int)(await anonymous.GetAsync("/api/dashboard/snapshot")).StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task Viewer_key_reads_but_cannot_write()
    {
        using var viewer = OperatorServer.Client(_server, OperatorServer.ViewerKey);
        Assert.That((int)(await viewer.GetAsync("/api/chargers")).StatusCode, Is.EqualTo(200));
        var post = await viewer.PostAsJsonAsync("/api/id-tokens", new { idToken = "VIEW1" });
        Assert.That((int)post.StatusCode, Is.EqualTo(403));
        var problem = await post.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("viewer"));
    }

    [Test]
    public async Task Operator_key_writes_but_only_admin_registers_chargers()
    {
        using var operatorClient = OperatorServer.Client(_server, OperatorServer.OperatorKey);
        Assert.That((int)(await operatorClient.PostAsJsonAsync("/api/id-tokens", new { idToken = "OPER1" })).StatusCode, Is.EqualTo(200));
        var register = await operatorClient.PostAsJsonAsync("/api/chargers", new { id = "op-denied", password = "integration-password-1" });
        Assert.That((int)register.StatusCode, Is.EqualTo(403));

        // The legacy Operator:ApiKey is admin.
        await _server.RegisterChargerAsync($"adm-{Guid.NewGuid():N}"[..20], "integration-password-1");
    }

    [Test]
    public async Task Login_validates_fields_and_rejects_a_wrong_password()
    {
        using var client = OperatorServer.Client(_server, null);
        var missing = await client.PostAsJsonAsync("/auth/login", new { name = "t-viewer" });
        Assert.That((int)missing.StatusCode, Is.EqualTo(400));
        var body = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("errors").TryGetProperty("password", out _), Is.True, body.ToString());
        Assert.That((int)(await client.PostAsJsonAsync("/auth/login", new { name = "t-viewer", password = "nope" })).StatusCode, Is.EqualTo(401));
        Assert.That((int)(await client.GetAsync("/auth/me")).StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task Login_cookie_carries_the_role_to_the_api_and_the_hub()
    {
        using var client = OperatorServer.Client(_server, null);
        Assert.That((int)(await client.PostAsync("/hubs/dashboard/negotiate?negotiateVersion=1", null)).StatusCode, Is.EqualTo(401));

        var login = await client.PostAsJsonAsync("/auth/login", new { name = "t-viewer", password = OperatorServer.ViewerPassword });
        Assert.That((int)login.StatusCode, Is.EqualTo(200));
        var me = await client.GetFromJsonAsync<JsonElement>("/auth/me");
        Assert.That(me.GetProperty("role").GetString(), Is.EqualTo("viewer"));
        Assert.That((int)(await client.GetAsync("/api/dashboard/snapshot")).StatusCode, Is.EqualTo(200));
        Assert.That((int)(await client.PostAsJsonAsync("/api/id-tokens", new { idToken = "COOKIE1" })).StatusCode, Is.EqualTo(403));
        Assert.That((int)(await client.PostAsync("/hubs/dashboard/negotiate?negotiateVersion=1", null)).StatusCode, Is.EqualTo(200));

        await client.PostAsync("/auth/logout", null);
        Assert.That((int)(await client.GetAsync("/api/dashboard/snapshot")).StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task Dashboard_page_and_signalr_client_are_served()
    {
        using var client = OperatorServer.Client(_server, null);
        Assert.That(await client.GetStringAsync("/"), Does.Contain("CentralSystem dashboard"));
        var script = await client.GetAsync("/lib/signalr.min.js");
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await script.Content.ReadAsStringAsync(), Does.Contain("HubConnectionBuilder"));
    }

    [Test]
    public async Task OpenApi_document_describes_the_operator_api_and_its_auth()
    {
        using var client = OperatorServer.Client(_server, null);
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/chargers", "/api/sessions", "/api/id-tokens", "/api/chargers/{id}/commands/reset",
                     "/api/chargers/{id}/commands/remote-start", "/api/chargers/{id}/commands/variables/set", "/api/commands/{correlationId}",
                     "/api/dashboard/snapshot", "/auth/login" })
        {
            Assert.That(paths.TryGetProperty(path, out _), Is.True, path);
        }

        var reset = paths.GetProperty("/api/chargers/{id}/commands/reset").GetProperty("post");
        Assert.That(reset.GetProperty("responses").TryGetProperty("504", out _), Is.True);
        Assert.That(reset.GetProperty("requestBody").ToString(), Does.Contain("ResetCommand"));
        Assert.That(document.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey").GetProperty("name").GetString(),
            Is.EqualTo("X-Api-Key"));
    }

    [Test]
    public async Task Snapshot_shows_a_connected_charger_with_its_connector_status()
    {
        var id = $"dash-{Guid.NewGuid():N}"[..24];
        await _server.RegisterChargerAsync(id, "integration-password-1");
        await using var charger = await TestCharger.ConnectAsync(_server.OcppUri(id), id, "integration-password-1", "ocpp1.6");
        await charger.CallResultAsync("BootNotification", new { chargePointVendor = "Test", chargePointModel = "Dash" });
        await charger.CallResultAsync("StatusNotification", new { connectorId = 1, errorCode = "NoError", status = "Available" });

        using var viewer = OperatorServer.Client(_server, OperatorServer.ViewerKey);
        var snapshot = await viewer.GetFromJsonAsync<JsonElement>("/api/dashboard/snapshot");
        var mine = snapshot.GetProperty("chargers").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
        Assert.That(mine.GetProperty("connected").GetBoolean(), Is.True);
        var connector = mine.GetProperty("connectors").EnumerateArray().Single();
        Assert.That(connector.GetProperty("status").GetString(), Is.EqualTo("Available"));
    }
}
