using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CentralSystem.IntegrationTests.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CentralSystem.IntegrationTests.Operator;

/// <summary>The stored audit trail: every operator command and non-GET call, readable by operators and admins at /api/audit.</summary>
[Category("db")]
[CancelAfter(60_000)]
public class AuditTrailTests : OperatorServerFixture
{
    private const string Password = "integration-password-1";

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    // Read right after the call returned, without waiting: the entry is written before the answer.
    private async Task<List<JsonElement>> AuditAsync(string query)
    {
        var response = await OperatorClient.GetAsync($"/api/audit?{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    [Test]
    public async Task A_command_is_stored_with_who_sent_it_and_what_the_charger_answered()
    {
        var id = NewId("aud-cmd");
        await Server.RegisterChargerAsync(id, Password);
        await using var charger = await TestCharger.ConnectAsync(Server.OcppUri(id), id, Password, "ocpp1.6");
        await charger.CallResultAsync("BootNotification", new { chargePointVendor = "Test", chargePointModel = "Audit" });

        var request = OperatorClient.PostAsJsonAsync($"/api/chargers/{id}/commands/reset", new { type = "Soft" });
        var call = await charger.ReceiveAsync();
        await charger.SendRawAsync(JsonSerializer.Serialize(new object[] { 3, call[1].GetString()!, new { status = "Rejected" } }));
        Assert.That((int)(await request).StatusCode, Is.EqualTo(200));

        var entry = (await AuditAsync($"chargerId={id}")).First();
        Assert.That(entry.GetProperty("user").GetString(), Is.EqualTo("operator-key"));
        Assert.That(entry.GetProperty("role").GetString(), Is.EqualTo("operator"));
        Assert.That(entry.GetProperty("method").GetString(), Is.EqualTo("POST"));
        Assert.That(entry.GetProperty("path").GetString(), Is.EqualTo($"/api/chargers/{id}/commands/reset"));
        Assert.That(entry.GetProperty("chargerId").GetString(), Is.EqualTo(id));
        Assert.That(entry.GetProperty("command").GetString(), Is.EqualTo("reset"));
        Assert.That(entry.GetProperty("outcome").GetString(), Is.EqualTo("Rejected"));
        Assert.That(entry.GetProperty("statusCode").GetInt32(), Is.EqualTo(200));
        Assert.That(entry.GetProperty("occurredAt").GetDateTimeOffset(), Is.EqualTo(TimeProvider.System.GetUtcNow()).Within(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task A_command_to_a_charger_that_is_not_connected_is_stored_too()
    {
        var id = NewId("aud-off");
        var response = await OperatorClient.PostAsJsonAsync($"/api/chargers/{id}/commands/unlock", new { connectorId = 1, evseId = 1 });
        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        var entry = (await AuditAsync($"chargerId={id}")).Single();
        Assert.That(entry.GetProperty("command").GetString(), Is.EqualTo("unlock"), "named by its path when it never reached the charger");
        Assert.That(entry.GetProperty("outcome").GetString(), Is.EqualTo("Not Found"));
        Assert.That(entry.GetProperty("statusCode").GetInt32(), Is.EqualTo(404));
    }

    [Test]
    public async Task Non_get_calls_are_stored_with_their_outcome_including_refused_ones_but_reads_are_not()
    {
        var id = NewId("aud-api");
        using var admin = OperatorServer.Client(Server, RunningServer.ApiKey);
        var created = await admin.PostAsJsonAsync("/api/chargers", new { id, password = Password });
        Assert.That((int)created.StatusCode, Is.EqualTo(201));
        Assert.That((int)(await ViewerClient.PostAsync($"/api/chargers/{id}/accept", null)).StatusCode, Is.EqualTo(403));
        Assert.That((int)(await admin.PatchAsJsonAsync($"/api/chargers/{id}", new { logFrames = false })).StatusCode, Is.EqualTo(200));
        Assert.That((int)(await admin.GetAsync($"/api/chargers/{id}")).StatusCode, Is.EqualTo(200));

        var entries = await AuditAsync($"chargerId={id}");
        Assert.That(entries.Select(e => $"{e.GetProperty("method").GetString()} {e.GetProperty("user").GetString()} {e.GetProperty("outcome").GetString()}"),
            Is.EqualTo(new[] { "PATCH api-key OK", "POST viewer-key Forbidden", "POST api-key Created" }), "newest first, no GET");
        var registration = entries[^1];
        Assert.That(registration.GetProperty("path").GetString(), Is.EqualTo("/api/chargers"), "the charger of a registration comes from its Location");
        Assert.That(registration.GetProperty("role").GetString(), Is.EqualTo("admin"));
        Assert.That(entries[1].GetProperty("role").GetString(), Is.EqualTo("viewer"));
        Assert.That(entries[1].GetProperty("statusCode").GetInt32(), Is.EqualTo(403));
    }

    [Test]
    public async Task Filters_by_user_and_limits_the_count()
    {
        var id = NewId("aud-usr");
        await Server.RegisterChargerAsync(id, Password);
        for (var i = 0; i < 3; i++)
        {
            Assert.That((int)(await OperatorClient.PatchAsJsonAsync($"/api/chargers/{id}", new { logFrames = i % 2 == 0 })).StatusCode, Is.EqualTo(403),
                "PATCH of a charger is admin only");
        }

        var two = await AuditAsync($"chargerId={id}&user=operator-key&limit=2");
        Assert.That(two, Has.Count.EqualTo(2));
        Assert.That(two.All(e => e.GetProperty("user").GetString() == "operator-key"), Is.True);
        Assert.That(two[0].GetProperty("id").GetInt64(), Is.GreaterThan(two[1].GetProperty("id").GetInt64()));
        Assert.That(await AuditAsync($"chargerId={id}&user=nobody-at-all"), Is.Empty);
        Assert.That(await AuditAsync($"chargerId={id}&user="), Has.Count.EqualTo(4), "an empty filter is no filter (3 PATCH + the registration)");
    }

    [Test]
    public async Task A_failed_audit_write_does_not_change_the_answer()
    {
        // A database of its own, so the trail's table can go missing without disturbing the other tests.
        var scratch = await TestDatabase.CreateScratchDatabaseAsync("audit_fail", CancellationToken.None);
        try
        {
            await using var server = await RunningServer.StartAsync([.. OperatorServer.Settings, $"--ConnectionStrings:CentralSystem={scratch}"]);
            await using (var connection = new NpgsqlConnection(scratch))
            {
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand("DROP TABLE operator_audit", connection);
                await drop.ExecuteNonQueryAsync();
            }

            using var errors = new CapturedErrors();
            server.Services.GetRequiredService<ILoggerFactory>().AddProvider(errors);
            using var operatorClient = OperatorServer.Client(server, OperatorServer.OperatorKey);
            var write = await operatorClient.PostAsJsonAsync("/api/id-tokens", new { idToken = "AUDITFAIL1" });
            Assert.That((int)write.StatusCode, Is.EqualTo(200), "the caller still gets its answer");
            Assert.That(errors.Errors.Any(e => e.Id.Id == 6004 && e.Message.Contains("POST /api/id-tokens by operator-key", StringComparison.Ordinal)),
                Is.True, "the lost entry is logged as an error");
        }
        finally
        {
            await TestDatabase.DropScratchDatabaseAsync(scratch, CancellationToken.None);
        }
    }

    [Test]
    public async Task Reading_the_trail_needs_operator_or_admin()
    {
        using var anonymous = OperatorServer.Client(Server, null);
        Assert.That((int)(await anonymous.GetAsync("/api/audit")).StatusCode, Is.EqualTo(401));
        var viewer = await ViewerClient.GetAsync("/api/audit");
        Assert.That((int)viewer.StatusCode, Is.EqualTo(403));
        Assert.That((await viewer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Does.Contain("viewer"));
        using var admin = OperatorServer.Client(Server, RunningServer.ApiKey);
        Assert.That((int)(await admin.GetAsync("/api/audit?limit=1")).StatusCode, Is.EqualTo(200));

        var login = OperatorServer.Client(Server, null);
        using (login)
        {
            Assert.That((int)(await login.PostAsJsonAsync("/auth/login", new { name = "t-operator", password = OperatorServer.OperatorPassword })).StatusCode, Is.EqualTo(200));
            Assert.That((int)(await login.GetAsync("/api/audit")).StatusCode, Is.EqualTo(200));
        }
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=1001", "limit")]
    public async Task Bad_input_is_400_naming_the_field(string query, string field)
    {
        var response = await OperatorClient.GetAsync($"/api/audit?{query}");
        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Over_long_filters_and_unreadable_limits_are_400()
    {
        var longId = new string('x', 201);
        var tooLong = await OperatorClient.GetAsync($"/api/audit?chargerId={longId}&user={longId}");
        Assert.That((int)tooLong.StatusCode, Is.EqualTo(400));
        var errors = (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.TryGetProperty("chargerId", out _) && errors.TryGetProperty("user", out _), Is.True, errors.ToString());
        Assert.That((int)(await OperatorClient.GetAsync("/api/audit?limit=many")).StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task OpenApi_document_describes_the_audit_endpoint()
    {
        using var client = OperatorServer.Client(Server, null);
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var audit = document.GetProperty("paths").GetProperty("/api/audit").GetProperty("get");
        var parameters = audit.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.That(parameters, Is.SupersetOf(new[] { "chargerId", "user", "limit" }));
        Assert.That(audit.GetProperty("responses").TryGetProperty("403", out _), Is.True);
    }
}
