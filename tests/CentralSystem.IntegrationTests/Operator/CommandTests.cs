using System.Net.Http.Json;
using System.Text.Json;
using CentralSystem.IntegrationTests.Server;

namespace CentralSystem.IntegrationTests.Operator;

[Category("db")]
[CancelAfter(60_000)]
public class CommandTests : OperatorServerFixture
{
    private const string Password = "integration-password-1";

    private async Task<(string Id, TestCharger Charger)> ConnectAsync(string protocol = "ocpp1.6")
    {
        var id = $"cmd-{Guid.NewGuid():N}"[..24];
        await Server.RegisterChargerAsync(id, Password);
        var charger = await TestCharger.ConnectAsync(Server.OcppUri(id), id, Password, protocol);
        if (protocol == "ocpp1.6")
        {
            await charger.CallResultAsync("BootNotification", new { chargePointVendor = "Test", chargePointModel = "Cmd" });
        }
        else
        {
            await charger.CallResultAsync("BootNotification", new { reason = "PowerUp", chargingStation = new { vendorName = "Test", model = "Cmd" } });
        }

        return (id, charger);
    }

    // Sends the command, lets the charger see the CALL and answer it (or not), and returns the HTTP answer.
    private async Task<(int Status, JsonElement Body, JsonElement Call)> CommandAsync(
        TestCharger charger, string path, object body, Func<JsonElement, object[]?> answer)
    {
        var request = OperatorClient.PostAsJsonAsync(path, body);
        var call = await charger.ReceiveAsync();
        Assert.That(call[0].GetInt32(), Is.EqualTo(2));
        if (answer(call) is { } frame)
        {
            await charger.SendRawAsync(JsonSerializer.Serialize(frame));
        }

        var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), call);
    }

    private static Func<JsonElement, object[]?> Answer(object payload) => call => [3, call[1].GetString()!, payload];

    private static string Action(JsonElement call) => call[2].GetString()!;

    [Test]
    public async Task Reset_1_6_sends_Reset_and_reports_the_status()
    {
        var (id, charger) = await ConnectAsync();
        await using var connected = charger;
        var (status, body, call) = await CommandAsync(charger, $"/api/chargers/{id}/commands/reset", new { type = "Soft" }, Answer(new { status = "Accepted" }));
        Assert.That(status, Is.EqualTo(200), body.ToString());
        Assert.That(Action(call), Is.EqualTo("Reset"));
        Assert.That(call[3].GetProperty("type").GetString(), Is.EqualTo("Soft"));
        Assert.That(body.GetProperty("outcome").GetString(), Is.EqualTo("Accepted"));
    }

    [Test]
    public async Task Reset_with_a_type_of_the_other_version_is_400_naming_type()
    {
        var (id, charger) = await ConnectAsync();
        await using var connected = charger;
        var response = await OperatorClient.PostAsJsonAsync($"/api/chargers/{id}/commands/reset", new { type = "Immediate" });
        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").GetProperty("type")[0].GetString(), Does.Contain("Soft or Hard"));
    }

    [Test]
    public async Task Viewer_cannot_send_commands_and_anonymous_is_401()
    {
        using var viewer = OperatorServer.Client(Server, OperatorServer.ViewerKey);
        using var anonymous = OperatorServer.Client(Server, null);
        Assert.That((int)(await viewer.PostAsJsonAsync("/api/chargers/x/commands/reset", new { type = "Soft" })).StatusCode, Is.EqualTo(403));
        Assert.That((int)(await anonymous.PostAsJsonAsync("/api/chargers/x/commands/reset", new { type = "Soft" })).StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task Command_to_a_charger_that_is_not_connected_is_404()
    {
        var response = await OperatorClient.PostAsJsonAsync("/api/chargers/nobody-here/commands/unlock", new { connectorId = 1 });
        Assert.That((int)response.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task Unlock_availability_and_trigger_1_6()
    {
        var (id, charger) = await ConnectAsync();
        await using var connected = charger;
        var unlock = await CommandAsync(charger, $"/api/chargers/{id}/commands/unlock", new { connectorId = 1 }, Answer(new { status = "Unlocked" }));
        Assert.That((unlock.Status, Action(unlock.Call), unlock.Body.GetProperty("outcome").GetString()), Is.EqualTo((200, "UnlockConnector", "Unlocked")));

        var availability = await CommandAsync(charger, $"/api/chargers/{id}/commands/availability", new { availability = "Inoperative" }, Answer(new { status = "Scheduled" }));
        Assert.That(availability.Status, Is.EqualTo(200));
        Assert.That(availability.Call[3].GetProperty("connectorId").GetInt32(), Is.EqualTo(0));
        Assert.That(availability.Call[3].GetProperty("type").GetString(), Is.EqualTo("Inoperative"));

        var trigger = await CommandAsync(charger, $"/api/chargers/{id}/commands/trigger", new { requestedMessage = "StatusNotification", connectorId = 1 },
            Answer(new { status = "Accepted" }));
        Assert.That((trigger.Status, Action(trigger.Call)), Is.EqualTo((200, "TriggerMessage")));
    }

    [Test]
    public async Task Bad_input_is_400_naming_the_field()
    {
        var (id, charger) = await ConnectAsync();
        await using var connected = charger;
        async Task<JsonElement> ErrorsAsync(string path, object body)
        {
            var response = await OperatorClient.PostAsJsonAsync($"/api/chargers/{id}/commands/{path}", body);
            Assert.That((int)response.StatusCode, Is.EqualTo(400), path);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }

        Assert.That((await ErrorsAsync("trigger", new { requestedMessage = "NoSuchMessage" })).TryGetProperty("requestedMessage", out _), Is.True);
        Assert.That((await ErrorsAsync("remote-stop", new { transactionId = "abc" })).TryGetProperty("transactionId", out _), Is.True);
        Assert.That((await ErrorsAsync("unlock", new { })).TryGetProperty("connectorId", out _), Is.True);
        Assert.That((await ErrorsAsync("availability", new { availability = "Sideways" })).TryGetProperty("availability", out _), Is.True);
        Assert.That((await ErrorsAsync("configuration/change", new { key = "" })).TryGetProperty("key", out _), Is.True);
        Assert.That((await ErrorsAsync("remote-start", new { connectorId = 1 })).TryGetProperty("idToken", out _), Is.True);
    }

    [Test]
    public async Task Configuration_1_6_get_and_change_and_variables_are_refused_for_1_6()
    {
        var (id, charger) = await ConnectAsync();
        await using var connected = charger;
        var get = await CommandAsync(charger, $"/api/chargers/{id}/commands/configuration/get", new { keys = new[] { "HeartbeatInterval" } },
            Answer(new { configurationKey = new[] { new { key = "HeartbeatInterval", @readonly = false, value = "300" } } }));
        Assert.That((get.Status, Action(get.Call), get.Body.GetProperty("outcome").GetString()), Is.EqualTo((200, "GetConfiguration", "Answered")));
        Assert.That(get.Body.GetProperty("response").GetProperty("configurationKey")[0].GetProperty("value").GetString(), Is.EqualTo("300"));

        var change = await CommandAsync(charger, $"/api/chargers/{id}/commands/configuration/change", new { key = "HeartbeatInterval", value = "60" },
            Answer(new { status = "Accepted" }));
        Assert.That((change.Status, Action(change.Call)), Is.EqualTo((200, "ChangeConfiguration")));
        Assert.That(change.Call[3].GetProperty("value").GetString(), Is.EqualTo("60"));

        var variables = await OperatorClient.PostAsJsonAsync($"/api/chargers/{id}/commands/variables/get",
            new { variables = new[] { new { component = "OCPPCommCtrlr", variable = "HeartbeatInterval" } } });
        Assert.That((int)variables.StatusCode, Is.EqualTo(409));
    }

    [Test]
    public async Task Variables_and_reset_2_0_1()
    {
        var (id, charger) = await ConnectAsync("ocpp2.0.1");
        await using var connected = charger;
        var get = await CommandAsync(charger, $"/api/chargers/{id}/commands/variables/get",
            new { variables = new[] { new { component = "OCPPCommCtrlr", variable = "HeartbeatInterval" } } },
            Answer(new
            {
                getVariableResult = new[]
                {
                    new { attributeStatus = "Accepted", attributeValue = "300", component = new { name = "OCPPCommCtrlr" }, variable = new { name = "HeartbeatInterval" } },
                },
            }));
        Assert.That((get.Status, Action(get.Call)), Is.EqualTo((200, "GetVariables")));
        Assert.That(get.Call[3].GetProperty("getVariableData")[0].GetProperty("component").GetProperty("name").GetString(), Is.EqualTo("OCPPCommCtrlr"));

        var set = await CommandAsync(charger, $"/api/chargers/{id}/commands/variables/set",
            new { variables = new[] { new { component = "OCPPCommCtrlr", variable = "HeartbeatInterval", value = "60" } } },
            Answer(new
            {
                setVariableResult = new[]
                {
                    new { attributeStatus = "Accepted", component = new { name = "OCPPCommCtrlr" }, variable = new { name = "HeartbeatInterval" } },
                },
            }));
        Assert.That((set.Status, Action(set.Call)), Is.EqualTo((200, "SetVariables")));
        Assert.That(set.Call[3].GetProperty("setVariableData")[0].GetProperty("attributeValue").GetString(), Is.EqualTo("60"));

        var reset = await CommandAsync(charger, $"/api/chargers/{id}/commands/reset", new { type = "OnIdle" }, Answer(new { status = "Scheduled" }));
        Assert.That((reset.Status, reset.Body.GetProperty("outcome").GetString()), Is.EqualTo((200, "Scheduled")));

        var stop = await CommandAsync(charger, $"/api/chargers/{id}/commands/remote-stop", new { transactionId = "tx-1" }, Answer(new { status = "Rejected" }));
        Assert.That((stop.Status, Action(stop.Call), stop.Body.GetProperty("outcome").GetString()), Is.EqualTo((200, "RequestStopTransaction", "Rejected")));

        var config = await OperatorClient.PostAsJsonAsync($"/api/chargers/{id}/commands/configuration/get", new { });
        Assert.That((int)config.StatusCode, Is.EqualTo(409));
    }

    [Test]
    public async Task Unanswered_call_is_504_and_call_error_is_502()
    {
        var (id, charger) = await ConnectAsync();
        await using var connected = charger;
        var silent = await CommandAsync(charger, $"/api/chargers/{id}/commands/trigger", new { requestedMessage = "Heartbeat" }, _ => null);
        Assert.That((silent.Status, silent.Body.GetProperty("outcome").GetString()), Is.EqualTo((504, "Timeout")));

        var error = await CommandAsync(charger, $"/api/chargers/{id}/commands/trigger", new { requestedMessage = "Heartbeat" },
            call => [4, call[1].GetString()!, "NotImplemented", "no triggers here", new { }]);
        Assert.That((error.Status, error.Body.GetProperty("outcome").GetString(), error.Body.GetProperty("errorCode").GetString()),
            Is.EqualTo((502, "CallError", "NotImplemented")));
    }

    [Test]
    public async Task Remote_start_returns_the_session_once_the_charger_starts_it()
    {
        var (id, charger) = await ConnectAsync();
        await using var connected = charger;
        var tag = $"RS{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        Assert.That((int)(await Server.Http.PostAsJsonAsync("/api/id-tokens", new { idToken = tag })).StatusCode, Is.EqualTo(200));

        var request = OperatorClient.PostAsJsonAsync($"/api/chargers/{id}/commands/remote-start", new { idToken = tag, connectorId = 1 });
        var call = await charger.ReceiveAsync();
        Assert.That(Action(call), Is.EqualTo("RemoteStartTransaction"));
        await charger.SendRawAsync(JsonSerializer.Serialize(new object[] { 3, call[1].GetString()!, new { status = "Accepted" } }));
        var started = await charger.CallResultAsync("StartTransaction", new { connectorId = 1, idTag = tag, meterStart = 0, timestamp = DateTimeOffset.UnixEpoch.AddYears(56) });

        var response = await request;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body.ToString());
        Assert.That(body.GetProperty("transactionId").GetString(), Is.EqualTo(started.GetProperty("transactionId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(body.GetProperty("sessionId").GetInt64(), Is.GreaterThan(0));
    }

    [Test]
    public async Task Remote_start_without_waiting_returns_a_correlation_id_to_poll()
    {
        var (id, charger) = await ConnectAsync();
        await using var connected = charger;
        var tag = $"RP{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        Assert.That((int)(await Server.Http.PostAsJsonAsync("/api/id-tokens", new { idToken = tag })).StatusCode, Is.EqualTo(200));

        var (status, body, _) = await CommandAsync(charger, $"/api/chargers/{id}/commands/remote-start", new { idToken = tag, connectorId = 1, waitSeconds = 0 },
            Answer(new { status = "Accepted" }));
        Assert.That(status, Is.EqualTo(202), body.ToString());
        var correlation = body.GetProperty("correlationId").GetString();
        var poll = await OperatorClient.GetFromJsonAsync<JsonElement>($"/api/commands/{correlation}");
        Assert.That(poll.GetProperty("status").GetString(), Is.EqualTo("Pending"));

        await charger.CallResultAsync("StartTransaction", new { connectorId = 1, idTag = tag, meterStart = 0, timestamp = DateTimeOffset.UnixEpoch.AddYears(56) });
        for (var i = 0; i < 50 && poll.GetProperty("status").GetString() != "Started"; i++)
        {
            await Task.Delay(100);
            poll = await OperatorClient.GetFromJsonAsync<JsonElement>($"/api/commands/{correlation}");
        }

        Assert.That(poll.GetProperty("status").GetString(), Is.EqualTo("Started"));
        Assert.That(poll.GetProperty("sessionId").GetInt64(), Is.GreaterThan(0));
    }
}
