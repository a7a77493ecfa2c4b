using System.Text;
using System.Text.Json;
using CentralSystem.Oscp;
using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Registration;
using Microsoft.AspNetCore.Http;

namespace CentralSystem.Tests.Oscp;

/// <summary>The HTTP adapter over an in-memory HttpContext (no sockets): status codes, error body and headers.</summary>
[TestFixture]
public sealed class OscpHttpAdapterTests
{
    private OscpFlexibilityProvider _processor = null!;
    private string _tokenA = null!;

    [SetUp]
    public void SetUp()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        var registry = new OscpPeerRegistry(clock);
        _tokenA = registry.CreatePeer("dso", OscpPeerRole.CapacityProvider);
        _processor = new OscpFlexibilityProvider(
            registry, new RequestIdLedger(clock, TimeSpan.FromHours(1)), new NullOutbox(),
            new OscpEndpointOptions { OurBaseUrl = new Uri("https://csms.example.com/oscp/fp/2.0") }, clock);
    }

    private async Task<(int Status, string Body, HttpResponse Response)> SendAsync(
        OscpMessageKind kind, string body, string? authorization, string? requestId = "req-1", string contentType = "application/json")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        if (requestId is not null)
        {
            context.Request.Headers["X-Request-ID"] = requestId;
        }

        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;

        await OscpHttpAdapter.HandleAsync(context, kind, _processor, CancellationToken.None);

        return (context.Response.StatusCode, Encoding.UTF8.GetString(responseBody.ToArray()), context.Response);
    }

    [Test]
    public async Task Accepted_register_is_204_with_an_empty_body()
    {
        var (status, body, _) = await SendAsync(
            OscpMessageKind.Register, """{"token":"B","version_url":[{"version":"2.0","base_url":"https://x/oscp/cp/2.0"}]}""", $"Token {_tokenA}");

        Assert.That(status, Is.EqualTo(204));
        Assert.That(body, Is.Empty);
    }

    [Test]
    public async Task Invalid_body_is_400_with_a_message_and_the_correlation_id()
    {
        var (status, body, response) = await SendAsync(
            OscpMessageKind.Register, """{"version_url":[{"version":"2.0","base_url":"https://x/oscp/cp/2.0"}]}""", $"Token {_tokenA}", "req-9");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(response.ContentType, Is.EqualTo("application/json"));
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("message").GetString(), Is.EqualTo("token: is required"));
        Assert.That(response.Headers["X-Correlation-ID"].ToString(), Is.EqualTo("req-9"));
    }

    [Test]
    public async Task No_common_version_is_501_with_X_Error_Message()
    {
        var (status, _, response) = await SendAsync(
            OscpMessageKind.Register, """{"token":"B","version_url":[{"version":"1.0","base_url":"https://x/oscp/cp/1.0"}]}""", $"Token {_tokenA}");

        Assert.That(status, Is.EqualTo(501));
        Assert.That(response.Headers["X-Error-Message"].ToString(), Does.Contain("version_url"));
    }

    [TestCase(null, "application/json", 401)]
    [TestCase("Token nope", "application/json", 403)]
    [TestCase("TOKEN_A", "text/plain", 415)]
    public async Task Header_failures(string? authorization, string contentType, int expected)
    {
        var (status, body, _) = await SendAsync(
            OscpMessageKind.Register, "{}", authorization == "TOKEN_A" ? $"Token {_tokenA}" : authorization, contentType: contentType);

        Assert.That(status, Is.EqualTo(expected));
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("message").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Missing_request_id_is_400()
    {
        var (status, _, _) = await SendAsync(OscpMessageKind.Register, "{}", $"Token {_tokenA}", requestId: null);

        Assert.That(status, Is.EqualTo(400));
    }

    private sealed class NullOutbox : IOscpOutbox
    {
        public void Enqueue(OscpOutboundMessage message)
        {
        }
    }
}
