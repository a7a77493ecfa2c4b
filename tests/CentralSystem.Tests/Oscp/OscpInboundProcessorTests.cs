using System.Text;
using CentralSystem.Oscp;
using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Registration;

namespace CentralSystem.Tests.Oscp;

/// <summary>Registration → handshake → heartbeat → forecast through the whole inbound pipeline, on a manual clock.</summary>
[TestFixture]
public sealed class OscpInboundProcessorTests
{
    private const string RegisterBody = """{"token":"TOKEN_B","version_url":[{"version":"2.0","base_url":"https://dso.example.com/oscp/cp/2.0/"}]}""";
    private const string ForecastBody = """
        {"group_id":"site-42","type":"CONSUMPTION","forecasted_blocks":[
          {"capacity":100,"phase":"ALL","unit":"KW","start_time":"2026-03-01T00:00:00Z","end_time":"2026-03-02T00:00:00Z"}]}
        """;

    private ManualTimeProvider _clock = null!;
    private OscpPeerRegistry _registry = null!;
    private RecordingOutbox _outbox = null!;
    private OscpFlexibilityProvider _processor = null!;
    private string _tokenA = null!;
    private int _requestCounter;

    [SetUp]
    public void SetUp()
    {
        _clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        _registry = new OscpPeerRegistry(_clock);
        _outbox = new RecordingOutbox();
        _processor = new OscpFlexibilityProvider(
            _registry, new RequestIdLedger(_clock, TimeSpan.FromHours(24)), _outbox,
            new OscpEndpointOptions { OurBaseUrl = new Uri("https://csms.example.com/oscp/fp/2.0"), HeartbeatIntervalWeAsk = 60 },
            _clock);
        _tokenA = _registry.CreatePeer("dso", OscpPeerRole.CapacityProvider);
        _registry.BindGroup("dso", "site-42", "site", "grid");
    }

    private OscpInboundResponse Send(OscpMessageKind kind, string body, string token, string? requestId = null, string method = "POST") =>
        _processor.HandleAsync(kind, new OscpInboundRequest(
            method, $"Token {token}", requestId ?? $"req-{++_requestCounter}", "application/json", Encoding.UTF8.GetBytes(body))).GetAwaiter().GetResult();

    private string Register()
    {
        Assert.That(Send(OscpMessageKind.Register, RegisterBody, _tokenA, "reg-1").StatusCode, Is.EqualTo(204));
        var reply = _outbox.Sent.Single(m => m.Kind == OscpMessageKind.Register);
        _registry.OnRegisterReplyDelivered("dso");
        return ((RegisterMessage)reply.Body).Token;
    }

    [Test]
    public void Register_answers_204_then_queues_our_reply_with_a_new_token_and_only_the_chosen_version()
    {
        Assert.That(Send(OscpMessageKind.Register, RegisterBody, _tokenA, "reg-1").StatusCode, Is.EqualTo(204));

        var reply = _outbox.Sent.Single();
        Assert.That(reply.CorrelationId, Is.EqualTo("reg-1"));
        Assert.That(reply.CompletesRegistration, Is.True);
        var body = (RegisterMessage)reply.Body;
        Assert.That(body.Token, Is.Not.EqualTo(_tokenA).And.Length.EqualTo(64));
        Assert.That(body.VersionUrls.Single(), Is.EqualTo(new VersionUrl("2.0", new Uri("https://csms.example.com/oscp/fp/2.0"))));

        var peer = _registry.Snapshot("dso");
        Assert.That(peer.State, Is.EqualTo(OscpPeerState.RegisteredPendingReply));
        Assert.That(peer.BaseUrl, Is.EqualTo(new Uri("https://dso.example.com/oscp/cp/2.0")));
        Assert.That(_registry.OutboundToken("dso"), Is.EqualTo("TOKEN_B"));
    }

    [Test]
    public void After_our_reply_is_delivered_token_A_is_revoked_and_token_C_works()
    {
        var tokenC = Register();

        Assert.That(_registry.Snapshot("dso").State, Is.EqualTo(OscpPeerState.Registered));
        Assert.That(Send(OscpMessageKind.Heartbeat, """{"offline_mode_at":"2026-03-01T10:02:00Z"}""", _tokenA).StatusCode, Is.EqualTo(403));
        Assert.That(Send(OscpMessageKind.Heartbeat, """{"offline_mode_at":"2026-03-01T10:02:00Z"}""", tokenC).StatusCode, Is.EqualTo(204));
    }

    [Test]
    public void Register_without_a_common_version_is_501_and_changes_nothing()
    {
        var response = Send(OscpMessageKind.Register, """{"token":"T","version_url":[{"version":"1.0","base_url":"https://x/oscp/cp/1.0"}]}""", _tokenA);

        Assert.That(response.StatusCode, Is.EqualTo(501));
        Assert.That(_outbox.Sent, Is.Empty);
        Assert.That(_registry.Snapshot("dso").State, Is.EqualTo(OscpPeerState.AwaitingRegister));
    }

    [Test]
    public void Messages_before_registration_are_403()
    {
        Assert.That(Send(OscpMessageKind.UpdateGroupCapacityForecast, ForecastBody, _tokenA).StatusCode, Is.EqualTo(403));
    }

    [Test]
    public void Handshake_is_acknowledged_asking_for_heartbeats()
    {
        var tokenC = Register();

        var response = Send(OscpMessageKind.Handshake, """{"required_behaviour":{"heartbeat_interval":30,"measurement_configuration":["CONTINUOUS"]}}""", tokenC, "hs-1");

        Assert.That(response.StatusCode, Is.EqualTo(204));
        var ack = _outbox.Sent.Single(m => m.Kind == OscpMessageKind.HandshakeAcknowledge);
        Assert.That(ack.CorrelationId, Is.EqualTo("hs-1"));
        Assert.That(((HandshakeAcknowledgeMessage)ack.Body).RequiredBehaviour!.HeartbeatIntervalSeconds, Is.EqualTo(60));
        var peer = _registry.Snapshot("dso");
        Assert.That(peer.State, Is.EqualTo(OscpPeerState.Active));
        Assert.That(peer.RequiredOfUs!.HeartbeatIntervalSeconds, Is.EqualTo(30));
    }

    [Test]
    public void Forecast_for_a_bound_group_becomes_an_active_envelope()
    {
        var tokenC = Register();

        Assert.That(Send(OscpMessageKind.UpdateGroupCapacityForecast, ForecastBody, tokenC, "fc-1").StatusCode, Is.EqualTo(204));

        var tracker = _processor.Tracker("site-42")!;
        Assert.That(tracker.State, Is.EqualTo(EnvelopeLifecycleState.Active));
        Assert.That(tracker.Store.Blocks("site-42", CapacityForecastType.Consumption).Single().RequestId, Is.EqualTo("fc-1"));
    }

    [Test]
    public void Forecast_for_an_unknown_group_is_404()
    {
        var tokenC = Register();

        var response = Send(OscpMessageKind.UpdateGroupCapacityForecast, ForecastBody.Replace("site-42", "nowhere", StringComparison.Ordinal), tokenC);

        Assert.That(response.StatusCode, Is.EqualTo(404));
        Assert.That(response.Message, Does.Contain("group_id"));
    }

    [Test]
    public void Forecast_for_another_peers_group_is_403()
    {
        var tokenC = Register();
        _registry.CreatePeer("other", OscpPeerRole.CapacityProvider);
        _registry.BindGroup("other", "their-group", "site", "feeder-2");

        var response = Send(OscpMessageKind.UpdateGroupCapacityForecast, ForecastBody.Replace("site-42", "their-group", StringComparison.Ordinal), tokenC);

        Assert.That(response.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public void Invalid_forecast_is_400_with_the_member_named()
    {
        var tokenC = Register();

        var response = Send(OscpMessageKind.UpdateGroupCapacityForecast, ForecastBody.Replace("\"KW\"", "\"kW\"", StringComparison.Ordinal), tokenC);

        Assert.That(response.StatusCode, Is.EqualTo(400));
        Assert.That(response.Message, Does.StartWith("forecasted_blocks[0].unit"));
    }

    [Test]
    public void Duplicate_request_id_is_204_without_reapplying()
    {
        var tokenC = Register();
        Send(OscpMessageKind.UpdateGroupCapacityForecast, ForecastBody, tokenC, "fc-1");

        var again = Send(OscpMessageKind.UpdateGroupCapacityForecast, ForecastBody.Replace("100", "5", StringComparison.Ordinal), tokenC, "fc-1");

        Assert.That(again.StatusCode, Is.EqualTo(204));
        Assert.That(_processor.Tracker("site-42")!.Store.Blocks("site-42", CapacityForecastType.Consumption).Single().Capacity, Is.EqualTo(100));
    }

    [Test]
    public void A_rejected_request_id_may_be_retried()
    {
        var tokenC = Register();
        Send(OscpMessageKind.UpdateGroupCapacityForecast, ForecastBody.Replace("\"KW\"", "\"kW\"", StringComparison.Ordinal), tokenC, "fc-1");

        Assert.That(Send(OscpMessageKind.UpdateGroupCapacityForecast, ForecastBody, tokenC, "fc-1").StatusCode, Is.EqualTo(204));
        Assert.That(_processor.Tracker("site-42")!.State, Is.EqualTo(EnvelopeLifecycleState.Active));
    }

    [Test]
    public void Silent_provider_drives_the_envelope_to_fallback_and_a_heartbeat_restores_it()
    {
        var tokenC = Register();
        Send(OscpMessageKind.UpdateGroupCapacityForecast, ForecastBody, tokenC);
        Send(OscpMessageKind.Heartbeat, """{"offline_mode_at":"2026-03-01T10:02:00Z"}""", tokenC);
        var tracker = _processor.Tracker("site-42")!;

        _clock.Advance(TimeSpan.FromMinutes(3));
        tracker.Evaluate();
        Assert.That(tracker.State, Is.EqualTo(EnvelopeLifecycleState.ActiveFallback));

        Send(OscpMessageKind.Heartbeat, """{"offline_mode_at":"2026-03-01T10:05:00Z"}""", tokenC);
        Assert.That(tracker.State, Is.EqualTo(EnvelopeLifecycleState.Active));
        Assert.That(_registry.Snapshot("dso").LastHeartbeatAt, Is.EqualTo(_clock.GetUtcNow()));
    }

    [Test]
    public void Unregister_revokes_every_token_and_withdraws_the_groups()
    {
        var tokenC = Register();
        Send(OscpMessageKind.UpdateGroupCapacityForecast, ForecastBody, tokenC);

        var response = _processor.HandleAsync(OscpMessageKind.Register, new OscpInboundRequest("DELETE", $"Token {tokenC}", "del-1", null, ReadOnlyMemory<byte>.Empty)).GetAwaiter().GetResult();

        Assert.That(response.StatusCode, Is.EqualTo(204));
        Assert.That(_processor.Tracker("site-42")!.State, Is.EqualTo(EnvelopeLifecycleState.Withdrawn));
        Assert.That(_registry.Snapshot("dso").State, Is.EqualTo(OscpPeerState.Unregistered));
        Assert.That(Send(OscpMessageKind.Heartbeat, """{"offline_mode_at":"2026-03-01T10:02:00Z"}""", tokenC).StatusCode, Is.EqualTo(403));
    }

    [Test]
    public void Header_failures_come_first()
    {
        var response = _processor.HandleAsync(OscpMessageKind.Heartbeat, new OscpInboundRequest("POST", null, "r", "application/json", Encoding.UTF8.GetBytes("{}"))).GetAwaiter().GetResult();

        Assert.That(response.StatusCode, Is.EqualTo(401));
    }

    private sealed class RecordingOutbox : IOscpOutbox
    {
        public List<OscpOutboundMessage> Sent { get; } = [];

        public void Enqueue(OscpOutboundMessage message) => Sent.Add(message);
    }
}
