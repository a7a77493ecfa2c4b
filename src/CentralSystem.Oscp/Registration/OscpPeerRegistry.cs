using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Registration;

/// <summary>
/// Per-peer registration state (digest §3.1–§3.4): tokens we issued (hashed, checked in constant time), the token and
/// base URL we call the peer with, the required behaviour it asked of us, and its group bindings. The working copy
/// lives here; callers persist <see cref="Export"/> after each change and <see cref="Restore"/> it at start-up.
/// Thread-safe.
/// </summary>
public sealed class OscpPeerRegistry(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, OscpPeerRecord> _peers = new(StringComparer.Ordinal);

    /// <summary>Operator creates a peer; the returned TOKEN_A is handed over out-of-band (digest §3.1 step 1). Shown once.</summary>
    public string CreatePeer(string peerId, OscpPeerRole role)
    {
        var token = OscpTokens.Generate();
        lock (_lock)
        {
            if (_peers.ContainsKey(peerId))
            {
                throw new InvalidOperationException($"OSCP peer '{peerId}' already exists");
            }

            _peers[peerId] = new OscpPeerRecord(peerId, role, OscpPeerState.AwaitingRegister)
            {
                Tokens = [new OscpIssuedToken(OscpTokens.Hash(token), Revoked: false, PendingReply: false)],
            };
        }

        return token;
    }

    /// <summary>Deletes a peer outright (operator); returns its groups so the caller withdraws their envelopes.</summary>
    public IReadOnlyList<OscpGroupBinding> DeletePeer(string peerId)
    {
        lock (_lock)
        {
            var peer = Get(peerId);
            _peers.Remove(peerId);
            return peer.Groups;
        }
    }

    public void Restore(OscpPeerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            _peers[record.PeerId] = record;
        }
    }

    public OscpPeerRecord Export(string peerId)
    {
        lock (_lock)
        {
            return Get(peerId);
        }
    }

    public bool Exists(string peerId)
    {
        lock (_lock)
        {
            return _peers.ContainsKey(peerId);
        }
    }

    public IReadOnlyList<string> PeerIds()
    {
        lock (_lock)
        {
            return [.. _peers.Keys.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Binds (or rebinds) an OSCP group_id of this peer to a microgrid node (digest §4.1 [R] table).</summary>
    public void BindGroup(string peerId, OscpGroupBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        lock (_lock)
        {
            if (_peers.Values.FirstOrDefault(p => p.PeerId != peerId && p.Groups.Any(g => g.GroupId == binding.GroupId)) is { } other)
            {
                throw new InvalidOperationException($"group '{binding.GroupId}' is already bound to peer '{other.PeerId}'");
            }

            var peer = Get(peerId);
            _peers[peerId] = peer with { Groups = [.. peer.Groups.Where(g => g.GroupId != binding.GroupId), binding] };
        }
    }

    public void BindGroup(string peerId, string groupId, string siteId, string nodeId) =>
        BindGroup(peerId, new OscpGroupBinding(groupId, siteId, nodeId));

    /// <summary>Removes a binding; false when the peer had no such group.</summary>
    public bool UnbindGroup(string peerId, string groupId)
    {
        lock (_lock)
        {
            var peer = Get(peerId);
            if (peer.Groups.All(g => g.GroupId != groupId))
            {
                return false;
            }

            _peers[peerId] = peer with { Groups = [.. peer.Groups.Where(g => g.GroupId != groupId)] };
            return true;
        }
    }

    public OscpGroupBinding? FindGroup(string groupId)
    {
        lock (_lock)
        {
            foreach (var peer in _peers.Values)
            {
                foreach (var group in peer.Groups)
                {
                    if (group.GroupId == groupId)
                    {
                        return group;
                    }
                }
            }

            return null;
        }
    }

    public OscpPeerCredential? Resolve(string presentedToken)
    {
        lock (_lock)
        {
            // Every hash is compared, so the time taken does not reveal which peer (if any) matched.
            OscpPeerCredential? found = null;
            foreach (var peer in _peers.Values)
            {
                foreach (var issued in peer.Tokens)
                {
                    if (OscpTokens.Matches(presentedToken, issued.Hash) && found is null)
                    {
                        found = new OscpPeerCredential(peer.PeerId, peer.Role, issued.Revoked);
                    }
                }
            }

            return found;
        }
    }

    /// <summary>
    /// POST/PUT /register accepted (version already checked): store the peer's token and base URL and issue TOKEN_C,
    /// which goes back in our Register reply (digest §3.1 step 4).
    /// </summary>
    public string OnRegister(string peerId, RegisterMessage message, string version)
    {
        ArgumentNullException.ThrowIfNull(message);
        var ourToken = OscpTokens.Generate();
        lock (_lock)
        {
            var peer = Get(peerId);
            var chosen = message.VersionUrls.First(v => v.Version == version);
            _peers[peerId] = peer with
            {
                TheirToken = message.Token,
                BaseUrl = new Uri(chosen.BaseUrl.ToString().TrimEnd('/')),
                Version = version,
                NeedsAttention = null,
                Tokens = [.. peer.Tokens, new OscpIssuedToken(OscpTokens.Hash(ourToken), Revoked: false, PendingReply: true)],
                State = OscpPeerState.RegisteredPendingReply,
            };
        }

        return ourToken;
    }

    /// <summary>Our Register reply got its 204: the new token is live and every older one is revoked (digest §3.1 step 5).</summary>
    public void OnRegisterReplyDelivered(string peerId)
    {
        lock (_lock)
        {
            var peer = Get(peerId);
            _peers[peerId] = peer with
            {
                Tokens = [.. peer.Tokens.Select(t => new OscpIssuedToken(t.Hash, t.Revoked || !t.PendingReply, PendingReply: false))],
                State = peer.State == OscpPeerState.RegisteredPendingReply ? OscpPeerState.Registered : peer.State,
            };
        }
    }

    public void OnHandshake(string peerId, RequiredBehaviour? requiredOfUs)
    {
        lock (_lock)
        {
            _peers[peerId] = Get(peerId) with { RequiredOfUs = requiredOfUs, State = OscpPeerState.Active };
        }
    }

    public void OnHeartbeat(string peerId, DateTimeOffset offlineModeAt)
    {
        lock (_lock)
        {
            _peers[peerId] = Get(peerId) with { LastHeartbeatAt = timeProvider.GetUtcNow(), OfflineModeAt = offlineModeAt };
        }
    }

    public void SetProfile(string peerId, OscpPeerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        lock (_lock)
        {
            _peers[peerId] = Get(peerId) with { Profile = profile };
        }
    }

    /// <summary>The peer refused our call with 401/403 (digest §7.2): flag the registration for an operator.</summary>
    public void FlagNeedsAttention(string peerId, string reason)
    {
        lock (_lock)
        {
            if (_peers.TryGetValue(peerId, out var peer))
            {
                _peers[peerId] = peer with { NeedsAttention = reason };
            }
        }
    }

    /// <summary>DELETE /register: revoke every token we issued; the caller withdraws the peer's groups.</summary>
    public IReadOnlyList<string> OnUnregister(string peerId)
    {
        lock (_lock)
        {
            var peer = Get(peerId);
            _peers[peerId] = peer with
            {
                Tokens = [.. peer.Tokens.Select(t => t with { Revoked = true, PendingReply = false })],
                State = OscpPeerState.Unregistered,
                TheirToken = null,
            };
            return [.. peer.Groups.Select(g => g.GroupId)];
        }
    }

    /// <summary>The peer a group is bound to, or null for an unknown group.</summary>
    public string? PeerOfGroup(string groupId)
    {
        lock (_lock)
        {
            return _peers.Values.FirstOrDefault(p => p.Groups.Any(g => g.GroupId == groupId))?.PeerId;
        }
    }

    /// <summary>The token we present when calling the peer (TOKEN_B); never exposed in snapshots.</summary>
    public string? OutboundToken(string peerId)
    {
        lock (_lock)
        {
            return Get(peerId).TheirToken;
        }
    }

    public OscpPeerSnapshot Snapshot(string peerId)
    {
        lock (_lock)
        {
            var p = Get(peerId);
            return new OscpPeerSnapshot(
                p.PeerId, p.Role, p.State, p.Version, p.BaseUrl, p.RequiredOfUs, p.LastHeartbeatAt, p.OfflineModeAt,
                p.Groups.ToDictionary(g => g.GroupId, StringComparer.Ordinal))
            {
                NeedsAttention = p.NeedsAttention,
                Profile = p.Profile,
            };
        }
    }

    private OscpPeerRecord Get(string peerId) =>
        _peers.TryGetValue(peerId, out var peer) ? peer : throw new KeyNotFoundException($"unknown OSCP peer '{peerId}'");
}
