using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CentralSystem.IntegrationTests.Server;
using Dapper;
using Npgsql;

namespace CentralSystem.IntegrationTests.Access;

[Category("db")]
[CancelAfter(120_000)]
public class AccessRestartTests
{
    [Test]
    public async Task Server_restarted_across_an_edge_reconciles_to_the_mode_that_holds_now()
    {
        var id = AccessControlTests.NewId("restart");
        DateTimeOffset edge;
        DateTimeOffset end;
        await using (var first = await RunningServer.StartAsync())
        {
            await first.RegisterChargerAsync(id, "integration-password-1");

            // Counted from now, not from before the start: a slow start must not put the edge in the past.
            edge = AccessControlTests.WholeSecondsAfter(DateTimeOffset.UtcNow, 4);
            end = edge.AddHours(2);
            var response = await first.Http.PutAsJsonAsync($"/api/chargers/{id}/access-schedule", new
            {
                timeZone = "Europe/Amsterdam",
                defaultMode = "Freevend",
                rules = new[] { new { name = "night", mode = "Managed", days = new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" },
                    start = AccessControlTests.LocalTime(edge), end = AccessControlTests.LocalTime(end) } },
            });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var access = await first.Http.GetFromJsonAsync<JsonElement>($"/api/chargers/{id}/access");
            Assert.That(access.GetProperty("mode").GetString(), Is.EqualTo("Freevend"));
            Assert.That(access.GetProperty("scheduledTriggerAt").GetDateTimeOffset(), Is.EqualTo(edge), "the edge is a persisted Quartz trigger");
        }

        // Down across the edge.
        var wait = edge - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        await using var second = await RunningServer.StartAsync();
        JsonElement state = default;
        for (var i = 0; i < 50; i++)
        {
            var access = await second.Http.GetFromJsonAsync<JsonElement>($"/api/chargers/{id}/access");
            state = access;
            if (access.GetProperty("state").GetProperty("desiredMode").GetString() == "Managed")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Multiple(() =>
        {
            Assert.That(state.GetProperty("mode").GetString(), Is.EqualTo("Managed"));
            Assert.That(state.GetProperty("state").GetProperty("desiredMode").GetString(), Is.EqualTo("Managed"));
            Assert.That(state.GetProperty("modeChange").GetString(), Is.EqualTo("Pending"), "the charger is offline: applied when it connects");
            Assert.That(state.GetProperty("nextSwitchAt").GetDateTimeOffset(), Is.EqualTo(end));
        });

        // Exactly one switch to Managed was recorded: the missed edge is reconciled, not replayed.
        await using var db = new NpgsqlConnection(TestDatabase.ConnectionString);
        var history = (await db.QueryAsync<string>("SELECT mode FROM access_mode_history WHERE charger_id = @id ORDER BY id", new { id })).ToList();
        Assert.That(history, Is.EqualTo(new[] { "Freevend", "Managed" }));
        for (var i = 0; i < 50 && await NextTriggerAsync(db, id) != end.UtcTicks; i++)
        {
            await Task.Delay(100);
        }

        Assert.That(await NextTriggerAsync(db, id), Is.EqualTo(end.UtcTicks), "the next edge is rescheduled (Quartz stores UTC ticks)");
    }

    private static Task<long?> NextTriggerAsync(NpgsqlConnection db, string chargerId) =>
        db.QuerySingleOrDefaultAsync<long?>("SELECT next_fire_time FROM qrtz_triggers WHERE trigger_name = @chargerId AND trigger_group = 'access-edges'", new { chargerId });
}
