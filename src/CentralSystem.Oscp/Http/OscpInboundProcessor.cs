using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Registration;
using CentralSystem.Oscp.Validation;

namespace CentralSystem.Oscp.Http;

/// <summary>
/// Everything an inbound FP request does, without HTTP: header gate, registration guard, duplicate X-Request-ID,
/// strict body read, then the registration/handshake/heartbeat/forecast effects (digest §4.1 processing order).
/// Follow-ups go to the outbox. OSCP traffic is a few requests a minute per peer, so one lock serialises it.
/// </summary>
public sealed class OscpInboundProcessor(
    OscpPeerRegistry registry, RequestIdLedger ledger, IOscpOutbox outbox, OscpEndpointOptions options, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, GroupEnvelopeTracker> _trackers = new(StringComparer.Ordinal);

    public GroupEnvelopeTracker? Tracker(string groupId)
    {
        lock (_lock)
        {
            return _trackers.GetValueOrDefault(groupId);
        }
    }

    public OscpInboundResponse Handle(OscpMessageKind kind, OscpInboundRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var gate = OscpRequestGate.Check(kind, request.Authorization, request.RequestId, request.ContentType, !request.Body.IsEmpty, registry.Resolve);
        if (!gate.Passed)
        {
            return new(gate.StatusCode, gate.Error);
        }

        var peerId = gate.Peer!.PeerId;
        var requestId = gate.RequestId!;
        lock (_lock)
        {
            // Digest §3.1: registration must happen before anything else (elmo-api answers 403 too).
            if (kind != OscpMessageKind.Register && registry.Snapshot(peerId).State == OscpPeerState.AwaitingRegister)
            {
                return new(403, "register first");
            }

            if (ledger.IsDuplicate(peerId, requestId))
            {
                return OscpInboundResponse.NoContent;
            }

            var response = kind == OscpMessageKind.Register && request.Method == "DELETE"
                ? Unregister(peerId)
                : Apply(kind, peerId, requestId, request.Body);
            if (response.StatusCode == 204)
            {
                ledger.Remember(peerId, requestId);
            }

            return response;
        }
    }

    private OscpInboundResponse Apply(OscpMessageKind kind, string peerId, string requestId, ReadOnlyMemory<byte> body)
    {
        var read = OscpMessageReader.Read(kind, body, options.Reader);
        if (!read.IsValid)
        {
            return new(read.StatusCode, read.Error);
        }

        switch (read.Message)
        {
            case RegisterMessage register:
                var version = options.Reader.SupportedVersions.First(v => register.VersionUrls.Any(u => u.Version == v));
                var ourToken = registry.OnRegister(peerId, register, version);
                outbox.Enqueue(new OscpOutboundMessage(
                    peerId, OscpMessageKind.Register, new RegisterMessage(ourToken, [new VersionUrl(version, options.OurBaseUrl)]), requestId)
                {
                    CompletesRegistration = true,
                });
                break;
            case HandshakeMessage handshake:
                registry.OnHandshake(peerId, handshake.RequiredBehaviour);
                ForEachGroup(peerId, t => t.OnHandshake(options.HeartbeatIntervalWeAsk));

                // Digest §3.2: always acknowledge, carrying what we require (heartbeats, so silence is detectable).
                outbox.Enqueue(new OscpOutboundMessage(
                    peerId, OscpMessageKind.HandshakeAcknowledge,
                    new HandshakeAcknowledgeMessage(new RequiredBehaviour(options.HeartbeatIntervalWeAsk, [])), requestId));
                break;
            case HandshakeAcknowledgeMessage ack:
                registry.OnHandshake(peerId, ack.RequiredBehaviour);
                ForEachGroup(peerId, t => t.OnHandshake(options.HeartbeatIntervalWeAsk));
                break;
            case HeartbeatMessage heartbeat:
                registry.OnHeartbeat(peerId, heartbeat.OfflineModeAt);
                ForEachGroup(peerId, t => t.OnHeartbeat(heartbeat.OfflineModeAt));
                break;
            case GroupCapacityForecastMessage forecast:
                var owner = registry.PeerOfGroup(forecast.GroupId);
                if (owner is null)
                {
                    return new(404, $"group_id: '{forecast.GroupId}' is unknown");
                }

                if (owner != peerId)
                {
                    return new(403, $"group_id: '{forecast.GroupId}' is not bound to this registration");
                }

                var tracker = TrackerFor(forecast.GroupId);
                tracker.OnForecast(forecast, requestId);
                tracker.Evaluate();
                break;
            default:
                return new(404, $"{OscpPaths.Outbound(kind)} is not served by a flexibility provider");
        }

        return OscpInboundResponse.NoContent;
    }

    private OscpInboundResponse Unregister(string peerId)
    {
        foreach (var groupId in registry.OnUnregister(peerId))
        {
            var tracker = TrackerFor(groupId);
            tracker.OnWithdrawn();
            tracker.Evaluate();
        }

        return OscpInboundResponse.NoContent;
    }

    private void ForEachGroup(string peerId, Action<GroupEnvelopeTracker> change)
    {
        foreach (var groupId in registry.Snapshot(peerId).Groups.Keys)
        {
            var tracker = TrackerFor(groupId);
            change(tracker);
            tracker.Evaluate();
        }
    }

    private GroupEnvelopeTracker TrackerFor(string groupId)
    {
        if (!_trackers.TryGetValue(groupId, out var tracker))
        {
            tracker = new GroupEnvelopeTracker(groupId, options.Envelopes, timeProvider);
            _trackers[groupId] = tracker;
        }

        return tracker;
    }
}
