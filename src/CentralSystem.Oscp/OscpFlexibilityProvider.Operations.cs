using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Persistence;
using CentralSystem.Oscp.Registration;

namespace CentralSystem.Oscp;

/// <summary>Operator changes, start-up load, edge evaluation, delivery results and the messages we originate.</summary>
public sealed partial class OscpFlexibilityProvider
{
    /// <summary>Reloads peers, forecasts, recent request ids and undelivered messages; call once before serving.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var state = await _store.LoadAsync(now - TimeSpan.FromHours(24), cancellationToken);
        var work = new Work();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var peer in state.Peers)
            {
                registry.Restore(peer);
            }

            foreach (var group in state.Blocks.GroupBy(b => (b.GroupId, b.Type)))
            {
                TrackerFor(group.Key.GroupId).Store.Restore(group.Key.GroupId, group.Key.Type, [.. group]);
            }

            foreach (var seen in state.RecentRequests)
            {
                ledger.Remember(seen.PeerId, seen.RequestId, seen.At);
            }

            foreach (var peer in state.Peers)
            {
                foreach (var group in peer.Groups)
                {
                    var tracker = TrackerFor(group.GroupId);

                    // After downtime the provider's liveness is unknown: give it one window from now, as after a handshake.
                    if (peer.State == OscpPeerState.Active)
                    {
                        tracker.OnHandshake(options.HeartbeatIntervalWeAsk);
                    }

                    tracker.Evaluate();
                    work.Groups.Add(group.GroupId);
                }
            }

            work.Outbound.AddRange(state.PendingOutbound);
            ViewChangedGroupsLocked(work);
        }
        finally
        {
            _gate.Release();
        }

        Publish(work);
    }

    /// <summary>Creates a peer and returns its first token (TOKEN_A), to hand over out-of-band.</summary>
    public async Task<string> CreatePeerAsync(string peerId, OscpPeerRole role, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var token = registry.CreatePeer(peerId, role);
            var work = new Work();
            work.Peers.Add(peerId);
            await CommitAsync(work, cancellationToken, () => registry.DeletePeer(peerId));
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes a peer: its tokens stop working and its groups' envelopes are withdrawn.</summary>
    public Task DeletePeerAsync(string peerId, CancellationToken cancellationToken) => MutateAsync(work =>
    {
        foreach (var group in registry.DeletePeer(peerId))
        {
            Withdraw(group.GroupId, work);
        }

        work.DeletedPeers.Add(peerId);
    }, cancellationToken);

    public Task SetProfileAsync(string peerId, OscpPeerProfile profile, CancellationToken cancellationToken) => MutateAsync(work =>
    {
        registry.SetProfile(peerId, profile);
        work.Peers.Add(peerId);
    }, cancellationToken);

    public Task BindGroupAsync(string peerId, OscpGroupBinding binding, CancellationToken cancellationToken) => MutateAsync(work =>
    {
        registry.BindGroup(peerId, binding);
        work.Peers.Add(peerId);
        work.Groups.Add(binding.GroupId);
        var tracker = TrackerFor(binding.GroupId);
        if (registry.Snapshot(peerId).State == OscpPeerState.Active && tracker.State == EnvelopeLifecycleState.None)
        {
            tracker.OnHandshake(options.HeartbeatIntervalWeAsk);
        }
    }, cancellationToken);

    /// <summary>Unbinds a group; its forecasts are dropped and its envelope withdrawn. False when it was not bound to the peer.</summary>
    public async Task<bool> UnbindGroupAsync(string peerId, string groupId, CancellationToken cancellationToken)
    {
        var found = false;
        await MutateAsync(work =>
        {
            found = registry.UnbindGroup(peerId, groupId);
            if (found)
            {
                work.Peers.Add(peerId);
                Withdraw(groupId, work);
            }
        }, cancellationToken);
        return found;
    }

    /// <summary>Re-evaluates a group at an edge (block start/end, offline_mode_at); the scheduler calls this.</summary>
    public Task<IReadOnlyList<EnvelopeTransition>> EvaluateGroupAsync(string groupId, CancellationToken cancellationToken) =>
        MutateAsync<IReadOnlyList<EnvelopeTransition>>(work =>
        {
            if (!_trackers.TryGetValue(groupId, out var tracker))
            {
                return [];
            }

            work.Groups.Add(groupId);

            // Digest §8.1: keep ended blocks a while for compliance and audit, then drop them (persisted per type).
            if (tracker.Store.Prune(timeProvider.GetUtcNow() - options.Envelopes.RetainEndedBlocks) > 0)
            {
                foreach (var type in Enum.GetValues<CapacityForecastType>())
                {
                    work.Forecasts.Add(new GroupForecastBlocks(groupId, type, [.. tracker.Store.Blocks(groupId, type)]));
                }
            }

            return tracker.Evaluate();
        }, cancellationToken);

    /// <summary>A durable outbound message reached its final outcome: a delivered Register reply completes registration.</summary>
    public async Task OnDeliveryFinishedAsync(OscpOutboundMessage message, OscpDeliveryOutcome outcome, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await MutateAsync(work =>
        {
            if (!registry.Exists(message.PeerId))
            {
                return;
            }

            if (outcome == OscpDeliveryOutcome.Delivered && message.CompletesRegistration)
            {
                registry.OnRegisterReplyDelivered(message.PeerId);
                work.Peers.Add(message.PeerId);

                // Digest §3.2/§3.3 [R]: after registering, tell the provider what we require — heartbeats, so that its
                // silence is detectable — unless it has already handshaken with us.
                if (registry.Snapshot(message.PeerId).State == OscpPeerState.Registered)
                {
                    work.Outbound.Add(new OscpOutboundMessage(
                        message.PeerId, OscpMessageKind.Handshake, new HandshakeMessage(new RequiredBehaviour(options.HeartbeatIntervalWeAsk, [])), null));
                }
            }
            else if (outcome == OscpDeliveryOutcome.NeedsOperator)
            {
                // Digest §7.2: 401/403 from the peer means our token for it is wrong or revoked.
                registry.FlagNeedsAttention(message.PeerId, $"{OscpPaths.Outbound(message.Kind)} refused: {detail}");
                work.Peers.Add(message.PeerId);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Operator asks the capacity provider for different capacity (digest §4.2). Nothing changes until it answers
    /// with a new forecast. Returns our X-Request-ID.
    /// </summary>
    public async Task<string> RequestAdjustmentAsync(GroupCapacityForecastMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        OscpOutboundMessage? message = null;
        await MutateAsync(work =>
        {
            var peerId = registry.PeerOfGroup(request.GroupId) ?? throw new KeyNotFoundException($"group '{request.GroupId}' is not bound");
            EnsureReachable(peerId);
            message = new OscpOutboundMessage(peerId, OscpMessageKind.AdjustGroupCapacityForecast, request, null);
            work.Outbound.Add(message);
        }, cancellationToken);
        return message!.RequestId;
    }

    /// <summary>
    /// We cannot stay within the group's current forecast (digest §4.3): tell the provider once per forecast, with
    /// X-Correlation-ID = that forecast's X-Request-ID and the blocks we cannot meet. Null when nothing was sent
    /// (no current forecast block, already reported, or the provider is not reachable).
    /// </summary>
    public async Task<string?> ReportNonComplianceAsync(string groupId, string reason, CancellationToken cancellationToken)
    {
        string? sent = null;
        await MutateAsync(work =>
        {
            var peerId = registry.PeerOfGroup(groupId);
            if (peerId is null || !IsReachable(peerId) || !_trackers.TryGetValue(groupId, out var tracker))
            {
                return;
            }

            var now = timeProvider.GetUtcNow();
            var current = tracker.Store.AllBlocks(groupId)
                .Where(b => b.Covers(now) && b.Type is CapacityForecastType.Consumption or CapacityForecastType.FallbackConsumption)
                .ToList();
            var requestId = current.OrderByDescending(b => b.ReceivedAt).FirstOrDefault()?.RequestId;
            if (requestId is null || !_reportedNonCompliance.Add(requestId))
            {
                return;
            }

            var blocks = current.Where(b => b.RequestId == requestId)
                .Select(b => new ForecastedBlock(b.Capacity, b.Phase, b.Unit, b.Start, b.End))
                .ToList();
            var message = new OscpOutboundMessage(
                peerId, OscpMessageKind.GroupCapacityComplianceError, new GroupCapacityComplianceErrorMessage(reason, blocks), requestId);
            work.Outbound.Add(message);
            sent = message.RequestId;
        }, cancellationToken);
        return sent;
    }

    /// <summary>Queues a message we originate that needs no persistence (heartbeats, measurements).</summary>
    public void SendTransient(string peerId, OscpMessageKind kind, OscpMessage body)
    {
        if (IsReachable(peerId))
        {
            outbox.Enqueue(new OscpOutboundMessage(peerId, kind, body, null) { Durable = false });
        }
    }

    /// <summary>Whether we can call the peer: registered (our reply may still be pending) and not unregistered.</summary>
    public bool IsReachable(string peerId) =>
        registry.Exists(peerId) && registry.Snapshot(peerId) is { BaseUrl: not null } peer
        && peer.State is OscpPeerState.RegisteredPendingReply or OscpPeerState.Registered or OscpPeerState.Active
        && registry.OutboundToken(peerId) is not null;

    public async Task<GroupEnvelopeView?> ViewAsync(string groupId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return registry.FindGroup(groupId) is null && !_trackers.ContainsKey(groupId) ? null : ViewLocked(groupId);
        }
        finally
        {
            _gate.Release();
        }
    }

    private GroupEnvelopeView ViewLocked(string groupId)
    {
        var now = timeProvider.GetUtcNow();
        var binding = registry.FindGroup(groupId);
        var view = new GroupEnvelopeView(groupId, now) { Binding = binding, PeerId = registry.PeerOfGroup(groupId) };
        if (!_trackers.TryGetValue(groupId, out var tracker))
        {
            return view;
        }

        var timeline = tracker.State == EnvelopeLifecycleState.Withdrawn ? [] : tracker.Timeline(now, now + options.Envelopes.TimelineHorizon);
        return view with
        {
            State = tracker.State,
            OfflineModeAt = tracker.OfflineModeAt,
            Timeline = timeline,
            Envelopes = binding is null || timeline.Count == 0
                ? []
                : SmartChargingEnvelopeMapper.ToOperatingEnvelopes(view.PeerId ?? "unknown", groupId, binding.NodeId, timeline),
            NextEdge = tracker.UpcomingEdges() is { Count: > 0 } edges ? edges[0] : null,
        };
    }

    private void EnsureReachable(string peerId)
    {
        if (!IsReachable(peerId))
        {
            throw new InvalidOperationException($"OSCP peer '{peerId}' has not registered (state {registry.Snapshot(peerId).State})");
        }
    }

    private Task<bool> MutateAsync(Action<Work> change, CancellationToken cancellationToken) =>
        MutateAsync<bool>(work =>
        {
            change(work);
            return true;
        }, cancellationToken);

    private async Task<T> MutateAsync<T>(Func<Work, T> change, CancellationToken cancellationToken)
    {
        var work = new Work();
        T result;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            result = change(work);
            await CommitAsync(work, cancellationToken);
            ViewChangedGroupsLocked(work);
        }
        finally
        {
            _gate.Release();
        }

        Publish(work);
        return result;
    }
}
