using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Registration;

namespace CentralSystem.Tests.Oscp;

/// <summary>Digest §7.2 status codes decided from the headers, and §10's HTTP-level negative cases.</summary>
[TestFixture]
public sealed class OscpRequestGateTests
{
    private static readonly byte[] CpHash = OscpTokens.Hash("cp-token");
    private static readonly byte[] CoHash = OscpTokens.Hash("co-token");
    private static readonly byte[] RevokedHash = OscpTokens.Hash("token-a");

    private static OscpPeerCredential? Resolve(string token) =>
        OscpTokens.Matches(token, CpHash) ? new OscpPeerCredential("dso", OscpPeerRole.CapacityProvider)
        : OscpTokens.Matches(token, CoHash) ? new OscpPeerCredential("co", OscpPeerRole.CapacityOptimizer)
        : OscpTokens.Matches(token, RevokedHash) ? new OscpPeerCredential("dso", OscpPeerRole.CapacityProvider, Revoked: true)
        : null;

    private static OscpGateResult Check(
        string? authorization = "Token cp-token",
        string? requestId = "req-1",
        string? contentType = "application/json",
        OscpMessageKind kind = OscpMessageKind.UpdateGroupCapacityForecast,
        bool hasBody = true) =>
        OscpRequestGate.Check(kind, authorization, requestId, contentType, hasBody, Resolve);

    [Test]
    public void Valid_headers_pass_with_the_peer()
    {
        var result = Check();

        Assert.That(result.Passed, Is.True);
        Assert.That(result.Peer!.PeerId, Is.EqualTo("dso"));
        Assert.That(result.RequestId, Is.EqualTo("req-1"));
    }

    [TestCase(null, 401)]
    [TestCase("", 401)]
    [TestCase("   ", 401)]
    [TestCase("Bearer cp-token", 403)]
    [TestCase("cp-token", 403)]
    [TestCase("Token ", 403)]
    [TestCase("Token wrong", 403)]
    [TestCase("Token token-a", 403)]
    public void Authorization_problems(string? authorization, int status)
    {
        var result = Check(authorization);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.StatusCode, Is.EqualTo(status));
        Assert.That(result.Error, Is.Not.Empty);
    }

    [Test]
    public void Scheme_is_case_insensitive()
    {
        Assert.That(Check("token cp-token").Passed, Is.True);
    }

    [Test]
    public void Forecast_from_a_capacity_optimizer_is_forbidden()
    {
        var result = Check("Token co-token");

        Assert.That(result.StatusCode, Is.EqualTo(403));
        Assert.That(result.Error, Does.Contain("capacity provider"));
    }

    [Test]
    public void Capacity_optimizer_may_heartbeat()
    {
        Assert.That(Check("Token co-token", kind: OscpMessageKind.Heartbeat).Passed, Is.True);
    }

    [TestCase(null)]
    [TestCase("")]
    public void Missing_request_id_is_400(string? requestId)
    {
        var result = Check(requestId: requestId);

        Assert.That(result.StatusCode, Is.EqualTo(400));
        Assert.That(result.Error, Does.Contain("X-Request-ID"));
    }

    [TestCase("text/plain")]
    [TestCase(null)]
    [TestCase("application/jsonx")]
    public void Wrong_content_type_is_415(string? contentType)
    {
        Assert.That(Check(contentType: contentType).StatusCode, Is.EqualTo(415));
    }

    [TestCase("application/json; charset=utf-8")]
    [TestCase("Application/JSON")]
    public void Json_content_type_variants_pass(string contentType)
    {
        Assert.That(Check(contentType: contentType).Passed, Is.True);
    }

    [Test]
    public void Bodyless_unregister_needs_no_content_type()
    {
        Assert.That(Check(contentType: null, kind: OscpMessageKind.Register, hasBody: false).Passed, Is.True);
    }

    [Test]
    public void Authentication_is_checked_before_the_other_headers()
    {
        Assert.That(Check(authorization: null, requestId: null, contentType: "text/plain").StatusCode, Is.EqualTo(401));
    }
}
