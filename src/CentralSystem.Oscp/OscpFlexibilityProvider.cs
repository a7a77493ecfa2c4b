using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Persistence;
using CentralSystem.Oscp.Registration;
using CentralSystem.Oscp.Validation;

namespace CentralSystem.Oscp;

/// <summary>
/// Our OSCP Flexibility Provider, without HTTP: inbound requests (header gate, registration guard, duplicate
/// X-Request-ID, strict body read, then the effects in digest §4.1 order), operator changes, edge evaluation and
/// delivery results. Every change is committed to the store before it is acknowledged and before its outbound
/// messages are queued; listeners hear of envelope changes after the commit. OSCP traffic is a few requests a minute
/// per peer, so one gate serialises it.
/// </summary>
public sealed partial class OscpFlexibilityProvider(
    OscpPeerRegistry registry,
    RequestIdLedger ledger,
    IOscpOutbox outbox,
    OscpEndpointOptions options,
    TimeProvider timeProvider,
    IOscpStateStore? store = null,
    IEnumerable<IOscpEnvelopeListener>? listeners = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IOscpStateStore _store = store ?? new InMemoryOscpStateStore();
    private readonly IOscpEnvelopeListener[] _listeners = listeners?.ToArray() ?? [];
    private readonly Dictionary<string, GroupEnvelopeTracker> _trackers = new(StringComparer.Ordinal);

    // Compliance errors already sent, by forecast X-Request-ID: one per forecast, not one per recalculation.
    private readonly HashSet<string> _reportedNonCompliance = new(StringComparer.Ordinal);

    public OscpPeerRegistry Registry => registry;

    public void Dispose() => _gate.Dispose();

    /// <summary>A group's tracker, for tests and diagnostics only: it is not thread-safe, so never mutate it from outside.</summary>
    public GroupEnvelopeTracker? Tracker(string groupId) => _trackers.GetValueOrDefault(groupId);

    public OscpEndpointOptions Options => options;

    public async Task<OscpInboundResponse> HandleAsync(OscpMessageKind kind, OscpInboundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var gate = OscpRequestGate.Check(kind, request.Authorization, request.RequestId, request.ContentType, !request.Body.IsEmpty, registry.Resolve);
        if (!gate.Passed)
        {
            return new(gate.StatusCode, gate.Error);
        }

        var peerId = gate.Peer!.PeerId;
        var requestId = gate.RequestId!;
        await _gate.WaitAsync(cancellationToken);
        var work = new Work();
        OscpInboundResponse response;
        try
        {
            // Digest §3.1: registration must happen before anything else (elmo-api answers 403 too).
            if (kind != OscpMessageKind.Register && registry.Snapshot(peerId).State is OscpPeerState.AwaitingRegister or OscpPeerState.Unregistered)
            {
                return new(403, "register first");
            }

            if (ledger.IsDuplicate(peerId, requestId))
            {
                return OscpInboundResponse.NoContent;
            }

            var before = registry.Export(peerId);
            response = kind == OscpMessageKind.Register && request.Method == "DELETE"
                ? Unregister(peerId, work)
                : Apply(kind, peerId, requestId, request.Body, work);
            if (response.StatusCode != 204)
            {
                registry.Restore(before);
                return response;
            }

            work.Peers.Add(peerId);
            work.SeenRequest = new OscpSeenRequest(peerId, requestId, timeProvider.GetUtcNow());
            await CommitAsync(work, cancellationToken, () => registry.Restore(before));
            ledger.Remember(peerId, requestId);
            ViewChangedGroupsLocked(work);
        }
        finally
        {
            _gate.Release();
        }

        Publish(work);
        return response;
    }

    private OscpInboundResponse Apply(OscpMessageKind kind, string peerId, string requestId, ReadOnlyMemory<byte> body, Work work)
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

                // Digest §12 Q11: the reply carries X-Correlation-ID = the Register's X-Request-ID.
                work.Outbound.Add(new OscpOutboundMessage(
                    peerId, OscpMessageKind.Register, new RegisterMessage(ourToken, [new VersionUrl(version, options.OurBaseUrl)]), requestId)
                {
                    CompletesRegistration = true,
                });
                break;
            case HandshakeMessage handshake:
                registry.OnHandshake(peerId, handshake.RequiredBehaviour);
                ForEachGroup(peerId, t => t.OnHandshake(options.HeartbeatIntervalWeAsk), work);

                // Digest §3.2: always acknowledge, carrying what we require (heartbeats, so silence is detectable),
                // unless the peer's profile wants the bare {} (ELMO).
                var behaviour = registry.Snapshot(peerId).Profile.EmptyHandshakeAcknowledge ? null : new RequiredBehaviour(options.HeartbeatIntervalWeAsk, []);
                work.Outbound.Add(new OscpOutboundMessage(
                    peerId, OscpMessageKind.HandshakeAcknowledge, new HandshakeAcknowledgeMessage(behaviour), requestId));
                break;
            case HandshakeAcknowledgeMessage ack:
                // A bare {} acknowledge (ELMO) says nothing new: what the peer asked in its own handshake still holds.
                registry.OnHandshake(peerId, ack.RequiredBehaviour ?? registry.Snapshot(peerId).RequiredOfUs);
                ForEachGroup(peerId, t => t.OnHandshake(options.HeartbeatIntervalWeAsk), work);
                break;
            case HeartbeatMessage heartbeat:
                registry.OnHeartbeat(peerId, heartbeat.OfflineModeAt);
                ForEachGroup(peerId, t => t.OnHeartbeat(heartbeat.OfflineModeAt), work);
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
                tracker.OnForecast(forecast, requestId, registry.Snapshot(peerId).Profile.Replacement);
                tracker.Evaluate();
                work.Groups.Add(forecast.GroupId);
                work.Forecasts.Add(new GroupForecastBlocks(forecast.GroupId, forecast.Type, [.. tracker.Store.Blocks(forecast.GroupId, forecast.Type)]));
                break;
            default:
                return new(404, $"{OscpPaths.Outbound(kind)} is not served by a flexibility provider");
        }

        return OscpInboundResponse.NoContent;
    }

    private OscpInboundResponse Unregister(string peerId, Work work)
    {
        foreach (var groupId in registry.OnUnregister(peerId))
        {
            Withdraw(groupId, work);
        }

        return OscpInboundResponse.NoContent;
    }

    private void Withdraw(string groupId, Work work)
    {
        var tracker = TrackerFor(groupId);
        tracker.OnWithdrawn();
        tracker.Evaluate();
        work.Groups.Add(groupId);
        work.ClearedGroups.Add(groupId);
    }

    private void ForEachGroup(string peerId, Action<GroupEnvelopeTracker> change, Work work)
    {
        foreach (var groupId in registry.Snapshot(peerId).Groups.Keys)
        {
            var tracker = TrackerFor(groupId);
            change(tracker);
            tracker.Evaluate();
            work.Groups.Add(groupId);
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

    /// <summary>Persists the work; on failure the in-memory change is undone (the caller answers 500 and the peer retries).</summary>
    private async Task CommitAsync(Work work, CancellationToken cancellationToken, Action? undo = null)
    {
        var changes = new OscpChangeSet
        {
            Peers = [.. work.Peers.Where(registry.Exists).Select(registry.Export)],
            DeletedPeers = [.. work.DeletedPeers],
            Forecasts = [.. work.Forecasts],
            ClearedGroups = [.. work.ClearedGroups],
            SeenRequest = work.SeenRequest,
            Outbound = [.. work.Outbound.Where(m => m.Durable)],
        };
        if (changes.IsEmpty)
        {
            return;
        }

        try
        {
            await _store.CommitAsync(changes, cancellationToken);
        }
        catch
        {
            undo?.Invoke();
            work.Outbound.Clear();
            work.Groups.Clear();
            throw;
        }
    }

    /// <summary>After the commit and outside the gate: queue the outbound messages, tell the listeners.</summary>
    private void Publish(Work work)
    {
        foreach (var message in work.Outbound)
        {
            outbox.Enqueue(message);
        }

        foreach (var view in work.Views)
        {
            foreach (var listener in _listeners)
            {
                listener.OnGroupChanged(view);
            }
        }
    }

    private void ViewChangedGroupsLocked(Work work)
    {
        foreach (var groupId in work.Groups)
        {
            work.Views.Add(ViewLocked(groupId));
        }
    }

    private sealed class Work
    {
        public List<GroupEnvelopeView> Views { get; } = [];

        public HashSet<string> Peers { get; } = new(StringComparer.Ordinal);

        public HashSet<string> DeletedPeers { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);

        public List<GroupForecastBlocks> Forecasts { get; } = [];

        public List<string> ClearedGroups { get; } = [];

        public OscpSeenRequest? SeenRequest { get; set; }

        public List<OscpOutboundMessage> Outbound { get; } = [];
    }
}
