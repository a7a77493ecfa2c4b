using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CentralSystem.IntegrationTests.Server;
using CentralSystem.Oscp;
using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Registration;
using CentralSystem.Server.Oscp;
using Microsoft.Extensions.DependencyInjection;

namespace CentralSystem.IntegrationTests.Oscp;

/// <summary>The FP endpoint in the real server: register, forecast and the digest §7.2 status codes over HTTP.</summary>
[Category("db")]
[CancelAfter(60_000)]
public class OscpEndpointTests
{
    private const string ForecastBody = """
        {"group_id":"site-42","type":"CONSUMPTION","forecasted_blocks":[
          {"capacity":100,"phase":"ALL","unit":"KW","start_time":"2026-03-01T00:00:00Z","end_time":"2099-03-02T00:00:00Z"}]}
        """;

    private RunningServer _server = null!;
    private HttpClient _http = null!;
    private string _tokenA = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _server = await RunningServer.StartAsync();
        _http = new HttpClient { BaseAddress = _server.BaseUri };
        var provider = _server.Services.GetRequiredService<OscpFlexibilityProvider>();
        _tokenA = await provider.CreatePeerAsync("dso-it", OscpPeerRole.CapacityProvider, CancellationToken.None);
        await provider.BindGroupAsync("dso-it", new OscpGroupBinding("site-42", "site-it", "grid"), CancellationToken.None);
        using var register = await PostAsync("register", """{"token":"TOKEN_B","version_url":[{"version":"2.0","base_url":"https://dso.example.com/oscp/cp/2.0"}]}""", _tokenA);
        Assert.That((int)register.StatusCode, Is.EqualTo(204), await register.Content.ReadAsStringAsync());
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string suffix, string body, string? token, string contentType = "application/json", string? requestId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/oscp/fp/2.0/{suffix}")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
        }

        request.Headers.Add("X-Request-ID", requestId ?? Guid.NewGuid().ToString());
        return _http.SendAsync(request);
    }

    [Test]
    public async Task Register_persists_our_reply_in_the_outbound_queue()
    {
        var store = _server.Services.GetRequiredService<PgOscpStateStore>();

        var outbound = await store.RecentOutboundAsync("dso-it", 10, CancellationToken.None);

        Assert.That(outbound.Select(o => o.Kind), Does.Contain("Register"));
    }

    [Test]
    public async Task Forecast_for_a_bound_group_is_204_and_activates_the_envelope()
    {
        using var response = await PostAsync("update_group_capacity_forecast", ForecastBody, _tokenA, requestId: "it-fc-1");

        Assert.That((int)response.StatusCode, Is.EqualTo(204), await response.Content.ReadAsStringAsync());
        var view = await _server.Services.GetRequiredService<OscpFlexibilityProvider>().ViewAsync("site-42", CancellationToken.None);
        Assert.That(view!.State, Is.EqualTo(EnvelopeLifecycleState.Active));
    }

    [Test]
    public async Task Misspelt_acknowledge_path_is_accepted()
    {
        using var response = await PostAsync("handshake_acknowledgment", "{}", _tokenA);

        Assert.That((int)response.StatusCode, Is.EqualTo(204));
    }

    [TestCase("update_group_capacity_forecast", null, "application/json", 401)]
    [TestCase("update_group_capacity_forecast", "wrong-token", "application/json", 403)]
    [TestCase("update_group_capacity_forecast", "A", "text/plain", 415)]
    [TestCase("no_such_message", "A", "application/json", 404)]
    public async Task Refusals(string suffix, string? token, string contentType, int expected)
    {
        using var response = await PostAsync(suffix, ForecastBody, token == "A" ? _tokenA : token, contentType);

        Assert.That((int)response.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public async Task Unknown_group_is_404_with_a_message()
    {
        using var response = await PostAsync("update_group_capacity_forecast", ForecastBody.Replace("site-42", "nowhere", StringComparison.Ordinal), _tokenA);

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("message").GetString(), Does.Contain("group_id"));
    }

    [Test]
    public async Task Invalid_forecast_is_400_naming_the_member()
    {
        using var response = await PostAsync("update_group_capacity_forecast", ForecastBody.Replace("\"ALL\"", "\"L1\"", StringComparison.Ordinal), _tokenA);

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("message").GetString(), Does.StartWith("forecasted_blocks[0].phase"));
    }
}
