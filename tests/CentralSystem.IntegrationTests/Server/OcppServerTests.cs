using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CentralSystem.Ocpp.Pipeline;
using CentralSystem.Ocpp.Transport;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CentralSystem.IntegrationTests.Server;

[Category("db")]
[CancelAfter(60_000)]
public class OcppServerTests
{
    private const string Password = "integration-password-1";
    private RunningServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await RunningServer.StartAsync("--Ocpp:CallTimeoutSeconds=1");

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..30];

    private async Task<TestCharger> ConnectAsync(string id, string protocol = "ocpp1.6")
    {
        await _server.RegisterChargerAsync(id, Password);
        var charger = await TestCharger.ConnectAsync(_server.OcppUri(id), id, Password, protocol);
        await _server.WaitUntilConnectedAsync(id);
        return charger;
    }

    [Test]
    public async Task Unknown_charger_is_refused_with_404_and_wrong_password_with_401()
    {
        var id = NewId("auth");
        Assert.That(await TestCharger.RefusedStatusAsync(_server.OcppUri(id), id, Password, "ocpp1.6"), Is.EqualTo(404));
        await _server.RegisterChargerAsync(id, Password);
        Assert.That(await TestCharger.RefusedStatusAsync(_server.OcppUri(id), id, "wrong-password-123", "ocpp1.6"), Is.EqualTo(401));
        Assert.That(await TestCharger.RefusedStatusAsync(_server.OcppUri(id), id, null, "ocpp1.6"), Is.EqualTo(401));
    }

    [Test]
    public async Task Offering_both_versions_selects_2_0_1()
    {
        var id = NewId("proto");
        await _server.RegisterChargerAsync(id, Password);
        await using var charger = await TestCharger.ConnectAsync(_server.OcppUri(id), id, Password, "ocpp1.6", "ocpp2.0.1");
        Assert.That(charger.SubProtocol, Is.EqualTo("ocpp2.0.1"));
    }

    [Test]
    public async Task Offering_no_known_subprotocol_is_closed_at_once()
    {
        var id = NewId("proto");
        await _server.RegisterChargerAsync(id, Password);
        await using var charger = await TestCharger.ConnectAsync(_server.OcppUri(id), id, Password, "ocpp1.5");
        Assert.That(await charger.WaitForCloseAsync(), Is.EqualTo(WebSocketCloseStatus.ProtocolError));
    }

    [Test]
    public async Task Boot_is_recorded_and_answered_with_interval()
    {
        var id = NewId("boot");
        await using var charger = await ConnectAsync(id);
        var boot = await charger.CallResultAsync("BootNotification", new { chargePointVendor = "Acme", chargePointModel = "X1", chargePointSerialNumber = "SN-9", firmwareVersion = "1.2.3" });
        Assert.That(boot.GetProperty("status").GetString(), Is.EqualTo("Accepted"));
        Assert.That(boot.GetProperty("interval").GetInt32(), Is.GreaterThan(0));

        // Durable before acknowledged: the row is there as soon as the answer is.
        await using var db = new NpgsqlConnection(TestDatabase.ConnectionString);
        var row = await db.QuerySingleAsync<(string Vendor, string Model, string SerialNumber, string FirmwareVersion)>(
            "SELECT vendor, model, serial_number, firmware_version FROM chargers WHERE id = @id", new { id });
        Assert.That(row, Is.EqualTo(("Acme", "X1", "SN-9", "1.2.3")));
    }

    [Test]
    public async Task Malformed_input_gets_a_CALLERROR_and_the_connection_keeps_serving()
    {
        var id = NewId("bad");
        await using var charger = await ConnectAsync(id);
        (string Frame, string Code, string MessageId)[] cases =
        [
            ("not json", "FormationViolation", "-1"),
            ("""[2,"b1","Heartbeat",{"x":1}]""", "FormationViolation", "b1"),
            ("""[2,"b2","Authorize",{}]""", "OccurenceConstraintViolation", "b2"),
            ("""[2,"b3","Authorize",{"idTag":"012345678901234567890"}]""", "PropertyConstraintViolation", "b3"),
            ("""[2,"b4","StartTransaction",{"connectorId":"1","idTag":"A","meterStart":0,"timestamp":"2026-01-01T00:00:00Z"}]""", "TypeConstraintViolation", "b4"),
            ("""[2,"b5","NoSuchAction",{}]""", "NotImplemented", "b5"),
            ("""[2,"b6","Reset",{"type":"Hard"}]""", "NotSupported", "b6"),
        ];
        foreach (var (frame, code, messageId) in cases)
        {
            await charger.SendRawAsync(frame);
            var reply = await charger.ReceiveAsync();
            Assert.That(reply[0].GetInt32(), Is.EqualTo(4), frame);
            Assert.That(reply[1].GetString(), Is.EqualTo(messageId), frame);
            Assert.That(reply[2].GetString(), Is.EqualTo(code), frame);
            var heartbeat = await charger.CallResultAsync("Heartbeat", new { });
            Assert.That(heartbeat.GetProperty("currentTime").GetString(), Is.Not.Empty);
        }
    }

    [Test]
    public async Task V201_error_codes_use_the_2_0_1_spelling()
    {
        var id = NewId("bad201");
        await using var charger = await ConnectAsync(id, "ocpp2.0.1");
        await charger.SendRawAsync("""[2,"c1","Authorize",{}]""");
        Assert.That((await charger.ReceiveAsync())[2].GetString(), Is.EqualTo("OccurrenceConstraintViolation"));
        await charger.SendRawAsync("""[5,"c2","Heartbeat",{}]""");
        Assert.That((await charger.ReceiveAsync())[2].GetString(), Is.EqualTo("MessageTypeNotSupported"));
        await charger.SendRawAsync("""{"not":"an array"}""");
        var reply = await charger.ReceiveAsync();
        Assert.That(reply[1].GetString(), Is.EqualTo("-1"));
        Assert.That(reply[2].GetString(), Is.EqualTo("RpcFrameworkError"));
        Assert.That((await charger.CallResultAsync("Heartbeat", new { })).TryGetProperty("currentTime", out _), Is.True);
    }

    [Test]
    public async Task V16_transaction_accounting_survives_retries_and_duplicates()
    {
        var id = NewId("tx16");
        await using var charger = await ConnectAsync(id);
        var start = new { connectorId = 1, idTag = "TAG-X", meterStart = 1000, timestamp = "2026-11-01T08:00:00Z" };
        var first = (await charger.CallResultAsync("StartTransaction", start)).GetProperty("transactionId").GetInt32();
        var retried = (await charger.CallResultAsync("StartTransaction", start)).GetProperty("transactionId").GetInt32();
        Assert.That(retried, Is.EqualTo(first), "a retried StartTransaction must get the same transaction");

        await charger.CallResultAsync("MeterValues", new { connectorId = 1, transactionId = first, meterValue = new[] { new { timestamp = "2026-11-01T08:30:00Z", sampledValue = new[] { new { value = "2.5", unit = "kWh" } } } } });
        var stop = new { transactionId = first, meterStop = 4000, timestamp = "2026-11-01T09:00:00Z" };
        await charger.CallResultAsync("StopTransaction", stop);
        await charger.CallResultAsync("StopTransaction", stop);
        await charger.CallResultAsync("StopTransaction", new { transactionId = first, meterStop = 9000, timestamp = "2026-11-01T10:00:00Z" });

        var sessions = await _server.Http.GetFromJsonAsync<JsonElement>($"/api/sessions?chargerId={id}");
        Assert.That(sessions.GetArrayLength(), Is.EqualTo(1));
        var session = sessions[0];
        Assert.That(session.GetProperty("energyWh").GetDecimal(), Is.EqualTo(3000m));
        Assert.That(session.GetProperty("stopReason").GetString(), Is.EqualTo("Local"));
        Assert.That(session.GetProperty("status").GetString(), Is.EqualTo("Completed"));
    }

    [Test]
    public async Task V16_meterStop_below_meterStart_is_flagged()
    {
        var id = NewId("neg16");
        await using var charger = await ConnectAsync(id);
        var tx = (await charger.CallResultAsync("StartTransaction", new { connectorId = 2, idTag = "T", meterStart = 5000, timestamp = "2026-11-01T08:00:00Z" })).GetProperty("transactionId").GetInt32();
        await charger.CallResultAsync("StopTransaction", new { transactionId = tx, meterStop = 4000, timestamp = "2026-11-01T09:00:00Z", reason = "EVDisconnected" });
        var session = (await _server.Http.GetFromJsonAsync<JsonElement>($"/api/sessions?chargerId={id}"))[0];
        Assert.That(session.GetProperty("energyWh").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(session.GetProperty("flags")[0].GetString(), Is.EqualTo("MeterStopBelowMeterStart"));
    }

    [Test]
    public async Task V201_transaction_events_map_to_one_session_and_retries_are_not_reapplied()
    {
        var id = NewId("tx201");
        await using var charger = await ConnectAsync(id, "ocpp2.0.1");
        object Event(string type, int seq, decimal wh, string context) => new
        {
            eventType = type, timestamp = $"2026-11-01T{8 + seq:00}:00:00Z", triggerReason = "Authorized", seqNo = seq,
            transactionInfo = new { transactionId = "TX-A" }, evse = new { id = 1, connectorId = 1 },
            idToken = new { idToken = "TAG-201", type = "ISO14443" },
            meterValue = new[] { new { timestamp = $"2026-11-01T{8 + seq:00}:00:00Z", sampledValue = new[] { new { value = wh, context } } } },
        };
        var started = await charger.CallResultAsync("TransactionEvent", Event("Started", 0, 100, "Transaction.Begin"));
        Assert.That(started.GetProperty("idTokenInfo").GetProperty("status").GetString(), Is.EqualTo("Unknown"));
        await charger.CallResultAsync("TransactionEvent", Event("Updated", 1, 2100, "Sample.Periodic"));
        await charger.CallResultAsync("TransactionEvent", Event("Updated", 1, 2100, "Sample.Periodic"));
        await charger.CallResultAsync("TransactionEvent", Event("Ended", 2, 5100, "Transaction.End"));
        await charger.CallResultAsync("TransactionEvent", Event("Ended", 2, 5100, "Transaction.End"));

        var sessions = await _server.Http.GetFromJsonAsync<JsonElement>($"/api/sessions?chargerId={id}");
        Assert.That(sessions.GetArrayLength(), Is.EqualTo(1));
        Assert.That(sessions[0].GetProperty("energyWh").GetDecimal(), Is.EqualTo(5000m));
        Assert.That(sessions[0].GetProperty("stopReason").GetString(), Is.EqualTo("Local"));
    }

    [Test]
    public async Task Offline_queued_status_older_than_current_is_kept_in_history_without_overwriting()
    {
        var id = NewId("status");
        await using var charger = await ConnectAsync(id);
        await charger.CallResultAsync("StatusNotification", new { connectorId = 1, errorCode = "NoError", status = "Charging", timestamp = "2026-11-01T10:00:00Z" });
        await charger.CallResultAsync("StatusNotification", new { connectorId = 1, errorCode = "NoError", status = "Preparing", timestamp = "2026-11-01T09:00:00Z" });
        await using var db = new NpgsqlConnection(TestDatabase.ConnectionString);
        Assert.That(await db.QuerySingleAsync<string>("SELECT status FROM connector_status WHERE charger_id = @id", new { id }), Is.EqualTo("Charging"));
        Assert.That(await db.QuerySingleAsync<long>("SELECT count(*) FROM connector_status_history WHERE charger_id = @id", new { id }), Is.EqualTo(2));
    }

    [Test]
    public async Task One_CSMS_call_in_flight_and_a_late_reply_never_completes_the_next_call()
    {
        var id = NewId("calls");
        await using var charger = await ConnectAsync(id);
        var client = _server.Services.GetRequiredService<OcppCommandClient>();
        var payload = Encoding.UTF8.GetBytes("""{"type":"Soft"}""");

        // Call 1 times out (the server is configured with a 1 s call timeout).
        var timedOut = await client.CallAsync(id, "Reset", payload, CancellationToken.None);
        var first = await charger.ReceiveAsync();
        Assert.That(timedOut.Status, Is.EqualTo(OutboundCallStatus.Timeout));

        // Calls 2 and 3 are queued: only one reaches the charger until it is answered.
        var second = client.CallAsync(id, "Reset", payload, CancellationToken.None);
        var third = client.CallAsync(id, "Reset", payload, CancellationToken.None);
        var secondFrame = await charger.ReceiveAsync();

        // Were the third CALL already on the wire, it would arrive before the answer to this Heartbeat.
        await Task.Delay(200);
        await charger.SendRawAsync("""[2,"probe","Heartbeat",{}]""");
        var probe = await charger.ReceiveAsync();
        Assert.That(probe[0].GetInt32(), Is.EqualTo(3), $"expected only the Heartbeat answer, got {probe}");

        // The late reply to call 1 must be dropped, not taken as the answer to call 2.
        await charger.SendRawAsync($$"""[3,"{{first[1].GetString()}}",{"status":"Rejected"}]""");
        await charger.SendRawAsync($$"""[3,"{{secondFrame[1].GetString()}}",{"status":"Accepted"}]""");
        var secondResult = await second;
        Assert.That(secondResult.Status, Is.EqualTo(OutboundCallStatus.Result));
        Assert.That(Encoding.UTF8.GetString(secondResult.Payload.Span), Does.Contain("Accepted"));

        var thirdFrame = await charger.ReceiveAsync();
        await charger.SendRawAsync($$"""[4,"{{thirdFrame[1].GetString()}}","NotSupported","no",{}]""");
        var thirdResult = await third;
        Assert.That(thirdResult.Status, Is.EqualTo(OutboundCallStatus.Error));
        Assert.That(thirdResult.ErrorCode, Is.EqualTo("NotSupported"));
    }

    [Test]
    public async Task A_new_connection_for_the_same_charger_supersedes_the_old_one()
    {
        var id = NewId("dup");
        await using var first = await ConnectAsync(id);
        await first.CallResultAsync("Heartbeat", new { });
        await using var second = await TestCharger.ConnectAsync(_server.OcppUri(id), id, Password, "ocpp1.6");
        Assert.That(await first.WaitForCloseAsync(), Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
        await second.CallResultAsync("Heartbeat", new { });
        var registry = _server.Services.GetRequiredService<ConnectionRegistry>();
        Assert.That(registry.TryGet(id, out _), Is.True);
    }

    [Test]
    public async Task Rotated_credentials_refuse_the_old_password_and_accept_the_new_one()
    {
        var id = NewId("rotate");
        await _server.RegisterChargerAsync(id, Password);
        var tooShort = await _server.Http.PutAsJsonAsync($"/api/chargers/{id}/credentials", new { password = "short" });
        Assert.That((int)tooShort.StatusCode, Is.EqualTo(400));
        Assert.That(await tooShort.Content.ReadAsStringAsync(), Does.Contain("\"password\""));

        var rotated = await _server.Http.PutAsJsonAsync($"/api/chargers/{id}/credentials", new { password = "rotated-password-456" });
        Assert.That((int)rotated.StatusCode, Is.EqualTo(204));
        Assert.That(await TestCharger.RefusedStatusAsync(_server.OcppUri(id), id, Password, "ocpp1.6"), Is.EqualTo(401));
        await using var charger = await TestCharger.ConnectAsync(_server.OcppUri(id), id, "rotated-password-456", "ocpp1.6");
        await charger.CallResultAsync("Heartbeat", new { });

        var unknown = await _server.Http.PutAsJsonAsync($"/api/chargers/{NewId("none")}/credentials", new { password = "rotated-password-456" });
        Assert.That((int)unknown.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task Operator_api_requires_the_api_key_and_names_bad_fields()
    {
        using var anonymous = new HttpClient { BaseAddress = _server.BaseUri };
        Assert.That((int)(await anonymous.GetAsync("/api/chargers")).StatusCode, Is.EqualTo(401));
        var response = await _server.Http.PostAsJsonAsync("/api/chargers", new { id = "bad:id", password = "short" });
        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("\"id\"").And.Contain("\"password\""));
    }
}
