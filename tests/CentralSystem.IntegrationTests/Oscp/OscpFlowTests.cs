using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CentralSystem.IntegrationTests.Server;
using CentralSystem.IntegrationTests.SmartCharging;

namespace CentralSystem.IntegrationTests.Oscp;

/// <summary>
/// Issue 5 through the real host and a capacity provider on loopback: operator creates the peer, the provider
/// registers, handshakes, heartbeats and sends forecasts; our replies, heartbeats and measurements reach it; the
/// forecast becomes an envelope on the bound node; silence turns it into the fallback; a restart forgets nothing.
/// </summary>
[Category("db")]
[CancelAfter(90_000)]
public class OscpFlowTests
{
    private static readonly string[] Settings =
    [
        "--Oscp:MeasurementIntervalSeconds=1", "--Oscp:OfflineSkewSeconds=0.2", "--Oscp:RetryInitialSeconds=1", "--Oscp:RetryMaxSeconds=2",
        "--Oscp:HeartbeatIntervalSeconds=1", "--Oscp:ComplianceGraceSeconds=0", "--SmartCharging:BootDelayMilliseconds=100",
    ];

    private const string ChargerPassword = "integration-password-1";

    private RunningServer _server = null!;
    private FakeCapacityProvider _cp = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _server = await RunningServer.StartAsync(Settings);
        _cp = await FakeCapacityProvider.StartAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _cp.DisposeAsync();
        await _server.DisposeAsync();
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private async Task<HttpResponseMessage> PostFpAsync(string suffix, string body, string token, string? requestId = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Post, $"/oscp/fp/2.0/{suffix}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
        request.Headers.Add("X-Request-ID", requestId ?? Guid.NewGuid().ToString("N"));
        return await _server.Http.SendAsync(request);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await _server.Http.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> WaitForJsonAsync(string path, Func<JsonElement, bool> done, double seconds = 10)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var json = await GetJsonAsync(path);
            if (done(json))
            {
                return json;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"{path} did not reach the expected state within {seconds} s: {json}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Operator creates the peer; the provider registers with TOKEN_A; our reply brings TOKEN_C. Returns (TOKEN_A, TOKEN_C).</summary>
    private async Task<(string TokenA, string TokenC)> RegisterAsync(string peerId, string tokenB, object? profile = null)
    {
        var created = await _server.Http.PostAsJsonAsync("/api/oscp/peers", new { peerId, role = "CapacityProvider", profile });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var tokenA = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        var registerId = NewId("reg");
        using var register = await PostFpAsync("register", JsonSerializer.Serialize(new
        {
            token = tokenB,
            version_url = new[] { new { version = "2.0", base_url = _cp.BaseUrl.ToString() } },
        }), tokenA, registerId);
        Assert.That((int)register.StatusCode, Is.EqualTo(204), await register.Content.ReadAsStringAsync());

        var reply = await _cp.WaitForAsync("register", r => r.CorrelationId == registerId);
        Assert.That(reply.Authorization, Is.EqualTo($"Token {tokenB}"));
        Assert.That(reply.ContentType, Does.StartWith("application/json"));
        Assert.That(reply.RequestId, Is.Not.Empty);
        var versions = reply.Json.GetProperty("version_url");
        Assert.That(versions.GetArrayLength(), Is.EqualTo(1));
        Assert.That(versions[0].GetProperty("version").GetString(), Is.EqualTo("2.0"));
        await WaitForJsonAsync($"/api/oscp/peers/{peerId}", p => p.GetProperty("state").GetString() == "Registered");
        return (tokenA, reply.Json.GetProperty("token").GetString()!);
    }

    private async Task<string> PutSiteAsync(double gridA)
    {
        var siteId = NewId("oscp-site");
        var site = JsonSerializer.Serialize(new
        {
            nodes = new object[]
            {
                new { id = "root", kind = "site" },
                new { id = "grid", parent = "root", kind = "gridConnection", import = new { currentA = gridA } },
            },
        });
        using var content = new StringContent(site, Encoding.UTF8, "application/json");
        var response = await _server.Http.PutAsync($"/api/sites/{siteId}", content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return siteId;
    }

    private static string Forecast(string groupId, string type, double kw, DateTimeOffset from, DateTimeOffset to) => JsonSerializer.Serialize(new
    {
        group_id = groupId,
        type,
        forecasted_blocks = new[] { new { capacity = kw, phase = "ALL", unit = "KW", start_time = from.ToString("yyyy-MM-ddTHH:mm:ssZ"), end_time = to.ToString("yyyy-MM-ddTHH:mm:ssZ") } },
    });

    [Test]
    public async Task Registration_replaces_token_A_with_token_C()
    {
        var peerId = NewId("cp");
        var tokenB = NewId("tokenB");
        var (tokenA, tokenC) = await RegisterAsync(peerId, tokenB);

        using var withA = await PostFpAsync("heartbeat", """{"offline_mode_at":"2030-01-01T00:00:00Z"}""", tokenA);
        using var withC = await PostFpAsync("heartbeat", """{"offline_mode_at":"2030-01-01T00:00:00Z"}""", tokenC);

        Assert.That((int)withA.StatusCode, Is.EqualTo(403));
        Assert.That((int)withC.StatusCode, Is.EqualTo(204));
        // Once registered we tell the provider what we require of it: heartbeats (digest §3.3).
        var ourHandshake = await _cp.WaitForAsync("handshake", r => r.Authorization == $"Token {tokenB}");
        Assert.That(ourHandshake.Json.GetProperty("required_behaviour").GetProperty("heartbeat_interval").GetInt32(), Is.EqualTo(1));
        var outbound = (await GetJsonAsync($"/api/oscp/peers/{peerId}")).GetProperty("outbound");
        Assert.That(outbound.EnumerateArray().Any(o => o.GetProperty("kind").GetString() == "Register" && o.GetProperty("outcome").GetString() == "Delivered"), Is.True, outbound.ToString());
    }

    [Test]
    public async Task Handshake_is_acknowledged_then_heartbeats_and_measurements_flow_at_their_intervals()
    {
        var peerId = NewId("cp");
        var (_, tokenC) = await RegisterAsync(peerId, NewId("tokenB"));
        var siteId = await PutSiteAsync(100);
        var groupId = NewId("g");
        var bind = await _server.Http.PutAsJsonAsync($"/api/oscp/peers/{peerId}/groups/{groupId}", new { siteId, nodeId = "grid" });
        Assert.That(bind.StatusCode, Is.EqualTo(HttpStatusCode.OK), await bind.Content.ReadAsStringAsync());

        var handshakeId = NewId("hs");
        using var handshake = await PostFpAsync("handshake", """{"required_behaviour":{"heartbeat_interval":1,"measurement_configuration":["CONTINUOUS"]}}""", tokenC, handshakeId);
        Assert.That((int)handshake.StatusCode, Is.EqualTo(204));

        var ack = await _cp.WaitForAsync("handshake_acknowledge", r => r.CorrelationId == handshakeId);
        Assert.That(ack.Json.GetProperty("required_behaviour").GetProperty("heartbeat_interval").GetInt32(), Is.EqualTo(1));
        var tokenB = ack.Authorization;
        var first = await _cp.WaitForAsync("heartbeat", r => r.Authorization == tokenB);
        var third = await _cp.WaitForAsync("heartbeat", r => r.Authorization == tokenB, count: 3);
        Assert.That((third.At - first.At).TotalSeconds, Is.InRange(1.5, 4.5), "heartbeats every second");
        Assert.That(first.Json.GetProperty("offline_mode_at").GetDateTimeOffset(), Is.GreaterThan(first.At));

        var measurements = await _cp.WaitForAsync("update_group_measurements", r => r.Json.GetProperty("group_id").GetString() == groupId, count: 2);
        var reading = measurements.Json.GetProperty("measurements")[0];
        Assert.That(reading.GetProperty("unit").GetString(), Is.EqualTo("WH"));
        Assert.That(reading.GetProperty("direction").GetString(), Is.EqualTo("IMPORT"));
        var peer = await GetJsonAsync($"/api/oscp/peers/{peerId}");
        Assert.That(peer.GetProperty("state").GetString(), Is.EqualTo("Active"));
        Assert.That(peer.GetProperty("heartbeatIntervalSeconds").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Forecast_becomes_the_envelope_of_the_bound_node_and_silence_switches_to_the_fallback()
    {
        var peerId = NewId("cp");
        var (_, tokenC) = await RegisterAsync(peerId, NewId("tokenB"));
        var siteId = await PutSiteAsync(100);
        var groupId = NewId("g");
        (await _server.Http.PutAsJsonAsync($"/api/oscp/peers/{peerId}/groups/{groupId}", new { siteId, nodeId = "grid" })).EnsureSuccessStatusCode();
        using (var hs = await PostFpAsync("handshake", """{"required_behaviour":{"measurement_configuration":[]}}""", tokenC))
        {
            Assert.That((int)hs.StatusCode, Is.EqualTo(204));
        }

        var now = DateTimeOffset.UtcNow;
        using (var beat = await PostFpAsync("heartbeat", JsonSerializer.Serialize(new { offline_mode_at = now.AddSeconds(3).ToString("yyyy-MM-ddTHH:mm:ss.fffZ") }), tokenC))
        {
            Assert.That((int)beat.StatusCode, Is.EqualTo(204));
        }

        var forecastId = NewId("fc");
        using (var fc = await PostFpAsync("update_group_capacity_forecast", Forecast(groupId, "CONSUMPTION", 5, now.AddMinutes(-1), now.AddHours(1)), tokenC, forecastId))
        {
            Assert.That((int)fc.StatusCode, Is.EqualTo(204), await fc.Content.ReadAsStringAsync());
        }

        using (var fb = await PostFpAsync("update_group_capacity_forecast", Forecast(groupId, "FALLBACK_CONSUMPTION", 2, now.AddMinutes(-1), now.AddHours(1)), tokenC))
        {
            Assert.That((int)fb.StatusCode, Is.EqualTo(204));
        }

        var group = await WaitForJsonAsync($"/api/oscp/groups/{groupId}", g => g.GetProperty("state").GetString() == "Active");
        Assert.That(group.GetProperty("timeline")[0].GetProperty("importW").GetDouble(), Is.EqualTo(5000));
        Assert.That(group.GetProperty("timeline")[0].GetProperty("requestId").GetString(), Is.EqualTo(forecastId));

        // The calculator sees it: the node's limit sources name the envelope, its request id and that it is fresh.
        var allocation = await WaitForJsonAsync($"/api/sites/{siteId}/allocation", a => EnvelopeSource(a) is { } s && s.GetProperty("envelopeQuality").GetString() == "Fresh");
        Assert.That(EnvelopeSource(allocation)!.Value.GetProperty("sourceRequestId").GetString(), Is.EqualTo(forecastId));

        // No heartbeat past offline_mode_at: the fallback capacity applies (Quartz fires at the edge, nobody polls).
        group = await WaitForJsonAsync($"/api/oscp/groups/{groupId}", g => g.GetProperty("state").GetString() == "ActiveFallback", seconds: 15);
        Assert.That(group.GetProperty("timeline")[0].GetProperty("importW").GetDouble(), Is.EqualTo(2000));
        Assert.That(group.GetProperty("timeline")[0].GetProperty("mode").GetString(), Is.EqualTo("Fallback"));
        await WaitForJsonAsync($"/api/sites/{siteId}/allocation", a => EnvelopeSource(a) is { } s && s.GetProperty("envelopeQuality").GetString() == "Fallback");
        Assert.That((await GetJsonAsync($"/api/oscp/peers/{peerId}")).GetProperty("state").GetString(), Is.EqualTo("Offline"));

        // A fresh heartbeat brings it back.
        using (var beat = await PostFpAsync("heartbeat", JsonSerializer.Serialize(new { offline_mode_at = DateTimeOffset.UtcNow.AddMinutes(5).ToString("yyyy-MM-ddTHH:mm:ss.fffZ") }), tokenC))
        {
            Assert.That((int)beat.StatusCode, Is.EqualTo(204));
        }

        await WaitForJsonAsync($"/api/oscp/groups/{groupId}", g => g.GetProperty("state").GetString() == "Active");
    }

    private static JsonElement? EnvelopeSource(JsonElement allocation)
    {
        foreach (var node in allocation.GetProperty("nodes").EnumerateArray())
        {
            if (node.GetProperty("nodeId").GetString() == "grid" && node.TryGetProperty("limitSources", out var sources))
            {
                foreach (var source in sources.EnumerateArray())
                {
                    if (source.TryGetProperty("kind", out var kind) && kind.GetString() == "Envelope")
                    {
                        return source;
                    }
                }
            }
        }

        return null;
    }

    [Test]
    public async Task Peer_profile_sends_the_acknowledge_where_and_how_that_peer_wants_it()
    {
        var peerId = NewId("cp");
        var (_, tokenC) = await RegisterAsync(peerId, NewId("tokenB"), new { handshakeAcknowledgePath = "handshake_acknowledgment", emptyHandshakeAcknowledge = true });
        var handshakeId = NewId("hs");
        using var handshake = await PostFpAsync("handshake", """{"required_behaviour":{"measurement_configuration":[]}}""", tokenC, handshakeId);
        Assert.That((int)handshake.StatusCode, Is.EqualTo(204));

        var ack = await _cp.WaitForAsync("handshake_acknowledgment", r => r.CorrelationId == handshakeId);
        Assert.That(ack.Body, Is.EqualTo("{}"));
        var bad = await _server.Http.PutAsJsonAsync($"/api/oscp/peers/{peerId}/profile", new { handshakeAcknowledgePath = "../admin" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var peer = await GetJsonAsync($"/api/oscp/peers/{peerId}");
        Assert.That(peer.GetProperty("profile").GetProperty("emptyHandshakeAcknowledge").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Forecast_lowering_the_grid_connection_lowers_the_chargers_profiles_within_a_second()
    {
        var peerId = NewId("cp");
        var (_, tokenC) = await RegisterAsync(peerId, NewId("tokenB"));
        var (a, b, siteId) = (NewId("oscp-a"), NewId("oscp-b"), NewId("oscp-site"));
        var site = JsonSerializer.Serialize(new
        {
            nodes = new object[]
            {
                new { id = "root", kind = "site" },
                new { id = "grid", parent = "root", kind = "gridConnection", import = new { currentA = 64 } },
                new { id = a, parent = "grid", kind = "charger", import = new { currentA = 32 } },
                new { id = b, parent = "grid", kind = "charger", import = new { currentA = 32 } },
            },
            evses = new[]
            {
                new { id = $"{a}/1", parent = a, minCurrentA = 6, maxCurrentA = 32 },
                new { id = $"{b}/1", parent = b, minCurrentA = 6, maxCurrentA = 32 },
            },
        });
        using (var content = new StringContent(site, Encoding.UTF8, "application/json"))
        {
            var put = await _server.Http.PutAsync($"/api/sites/{siteId}", content);
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        var groupId = NewId("g");
        (await _server.Http.PutAsJsonAsync($"/api/oscp/peers/{peerId}/groups/{groupId}", new { siteId, nodeId = "grid" })).EnsureSuccessStatusCode();
        await _server.RegisterChargerAsync(a, ChargerPassword);
        await _server.RegisterChargerAsync(b, ChargerPassword);
        await using var ca = await SimCharger.ConnectAsync(_server.OcppUri(a), a, ChargerPassword, "ocpp1.6");
        await using var cb = await SimCharger.ConnectAsync(_server.OcppUri(b), b, ChargerPassword, "ocpp2.0.1");
        await ca.BootAsync();
        await cb.BootAsync();
        await ca.StartAsync(1, "unused");
        await cb.StartAsync(1, "TX-" + b[^6..]);
        await ca.NextProfileAsync(p => SimCharger.Purpose(p) == "TxProfile" && SimCharger.Limit(p) > 30, TimeSpan.FromSeconds(3));
        await cb.NextProfileAsync(p => SimCharger.Purpose(p) == "TxProfile" && SimCharger.Limit(p) > 30, TimeSpan.FromSeconds(3));

        // 10 kW at 230 V on three phases is 14.5 A per phase for the whole grid connection: about 7 A each.
        var now = DateTimeOffset.UtcNow;
        var lowerA = ca.NextProfileAsync(p => SimCharger.Purpose(p) == "TxProfile" && SimCharger.Limit(p) <= 7.5, TimeSpan.FromSeconds(1));
        var lowerB = cb.NextProfileAsync(p => SimCharger.Purpose(p) == "TxProfile" && SimCharger.Limit(p) <= 7.5, TimeSpan.FromSeconds(1));
        using (var fc = await PostFpAsync("update_group_capacity_forecast", Forecast(groupId, "CONSUMPTION", 10, now.AddMinutes(-1), now.AddHours(1)), tokenC))
        {
            Assert.That((int)fc.StatusCode, Is.EqualTo(204));
        }

        var (pa, pb) = (await lowerA, await lowerB);
        Assert.That(SimCharger.Limit(pa) + SimCharger.Limit(pb), Is.LessThanOrEqualTo(14.5));
    }

    [Test]
    public async Task Operator_api_refuses_bad_input_and_unknown_things()
    {
        var bad = await _server.Http.PostAsJsonAsync("/api/oscp/peers", new { peerId = "has space", role = "Nobody" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty("peerId", out _), Is.True, problem.ToString());
        Assert.That(problem.GetProperty("errors").TryGetProperty("role", out _), Is.True, problem.ToString());

        var peerId = NewId("cp");
        (await _server.Http.PostAsJsonAsync("/api/oscp/peers", new { peerId })).EnsureSuccessStatusCode();
        Assert.That((await _server.Http.PostAsJsonAsync("/api/oscp/peers", new { peerId })).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await _server.Http.GetAsync("/api/oscp/peers/nobody-here")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var unknownSite = await _server.Http.PutAsJsonAsync($"/api/oscp/peers/{peerId}/groups/g1", new { siteId = "no-such-site", nodeId = "grid" });
        Assert.That(unknownSite.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var siteId = await PutSiteAsync(50);
        var unknownNode = await _server.Http.PutAsJsonAsync($"/api/oscp/peers/{peerId}/groups/g1", new { siteId, nodeId = "nope" });
        Assert.That(unknownNode.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await _server.Http.GetAsync("/api/oscp/groups/never-bound")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var groupId = NewId("g");
        (await _server.Http.PutAsJsonAsync($"/api/oscp/peers/{peerId}/groups/{groupId}", new { siteId, nodeId = "grid" })).EnsureSuccessStatusCode();
        var notRegistered = await _server.Http.PostAsJsonAsync($"/api/oscp/groups/{groupId}/adjust", new
        {
            type = "CONSUMPTION",
            forecasted_blocks = new[] { new { capacity = 10, phase = "ALL", unit = "KW", start_time = "2030-01-01T00:00:00Z", end_time = "2030-01-01T01:00:00Z" } },
        });
        Assert.That(notRegistered.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var invalid = await _server.Http.PostAsJsonAsync($"/api/oscp/groups/{groupId}/adjust", new { type = "consumption", forecasted_blocks = Array.Empty<object>() });
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Adjust_request_reaches_the_provider()
    {
        var peerId = NewId("cp");
        await RegisterAsync(peerId, NewId("tokenB"));
        var siteId = await PutSiteAsync(100);
        var groupId = NewId("g");
        (await _server.Http.PutAsJsonAsync($"/api/oscp/peers/{peerId}/groups/{groupId}", new { siteId, nodeId = "grid" })).EnsureSuccessStatusCode();

        var response = await _server.Http.PostAsJsonAsync($"/api/oscp/groups/{groupId}/adjust", new
        {
            type = "CONSUMPTION",
            forecasted_blocks = new[] { new { capacity = 40, phase = "ALL", unit = "KW", start_time = "2030-01-01T00:00:00Z", end_time = "2030-01-01T01:00:00Z" } },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var requestId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetString();

        var adjust = await _cp.WaitForAsync("adjust_group_capacity_forecast", r => r.RequestId == requestId);
        Assert.That(adjust.Json.GetProperty("group_id").GetString(), Is.EqualTo(groupId));
        Assert.That(adjust.Json.GetProperty("forecasted_blocks")[0].GetProperty("capacity").GetDouble(), Is.EqualTo(40));
    }

    [Test]
    public async Task Non_ev_load_above_the_envelope_sends_one_compliance_error_correlated_to_the_forecast()
    {
        var peerId = NewId("cp");
        var (_, tokenC) = await RegisterAsync(peerId, NewId("tokenB"));
        var siteId = NewId("oscp-site");
        var site = JsonSerializer.Serialize(new
        {
            nodes = new object[]
            {
                new { id = "root", kind = "site" },
                new { id = "grid", parent = "root", kind = "gridConnection", import = new { currentA = 100 } },
            },
            siteLoads = new[] { new { id = "building", node = "grid", reservedPowerW = 8000 } },
        });
        using (var content = new StringContent(site, Encoding.UTF8, "application/json"))
        {
            var put = await _server.Http.PutAsync($"/api/sites/{siteId}", content);
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        var groupId = NewId("g");
        (await _server.Http.PutAsJsonAsync($"/api/oscp/peers/{peerId}/groups/{groupId}", new { siteId, nodeId = "grid" })).EnsureSuccessStatusCode();
        var now = DateTimeOffset.UtcNow;
        var forecastId = NewId("fc");
        using (var fc = await PostFpAsync("update_group_capacity_forecast", Forecast(groupId, "CONSUMPTION", 5, now.AddMinutes(-1), now.AddHours(1)), tokenC, forecastId))
        {
            Assert.That((int)fc.StatusCode, Is.EqualTo(204));
        }

        var error = await _cp.WaitForAsync("group_capacity_compliance_error", r => r.CorrelationId == forecastId);
        Assert.That(error.Json.GetProperty("message").GetString(), Does.Contain("8000 W"));
        Assert.That(error.Json.GetProperty("forecasted_blocks")[0].GetProperty("capacity").GetDouble(), Is.EqualTo(5));
        var group = await GetJsonAsync($"/api/oscp/groups/{groupId}");
        Assert.That(group.GetProperty("compliance").GetProperty("compliant").GetBoolean(), Is.False);

        await Task.Delay(1500);
        Assert.That(_cp.Received.Count(r => r.Message == "group_capacity_compliance_error" && r.CorrelationId == forecastId), Is.EqualTo(1));
    }

    [Test]
    public async Task A_restart_keeps_peers_bindings_forecasts_and_seen_request_ids()
    {
        var peerId = NewId("cp");
        var (_, tokenC) = await RegisterAsync(peerId, NewId("tokenB"));
        var siteId = await PutSiteAsync(100);
        var groupId = NewId("g");
        (await _server.Http.PutAsJsonAsync($"/api/oscp/peers/{peerId}/groups/{groupId}", new { siteId, nodeId = "grid" })).EnsureSuccessStatusCode();
        var now = DateTimeOffset.UtcNow;
        var forecastId = NewId("fc");
        using (var fc = await PostFpAsync("update_group_capacity_forecast", Forecast(groupId, "CONSUMPTION", 7, now.AddMinutes(-1), now.AddHours(1)), tokenC, forecastId))
        {
            Assert.That((int)fc.StatusCode, Is.EqualTo(204));
        }

        await _server.DisposeAsync();
        _server = await RunningServer.StartAsync(Settings);

        var peer = await GetJsonAsync($"/api/oscp/peers/{peerId}");
        Assert.That(peer.GetProperty("state").GetString(), Is.EqualTo("Registered"));
        Assert.That(peer.GetProperty("groups")[0].GetProperty("groupId").GetString(), Is.EqualTo(groupId));
        var group = await GetJsonAsync($"/api/oscp/groups/{groupId}");
        Assert.That(group.GetProperty("timeline")[0].GetProperty("importW").GetDouble(), Is.EqualTo(7000));

        // The same X-Request-ID with different content is a duplicate: 204, not applied.
        using (var again = await PostFpAsync("update_group_capacity_forecast", Forecast(groupId, "CONSUMPTION", 1, now.AddMinutes(-1), now.AddHours(1)), tokenC, forecastId))
        {
            Assert.That((int)again.StatusCode, Is.EqualTo(204));
        }

        group = await GetJsonAsync($"/api/oscp/groups/{groupId}");
        Assert.That(group.GetProperty("timeline")[0].GetProperty("importW").GetDouble(), Is.EqualTo(7000));
        using var withC = await PostFpAsync("heartbeat", """{"offline_mode_at":"2030-01-01T00:00:00Z"}""", tokenC);
        Assert.That((int)withC.StatusCode, Is.EqualTo(204), "TOKEN_C survives the restart (stored hashed)");
    }
}
