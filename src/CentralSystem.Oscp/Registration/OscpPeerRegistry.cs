using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Registration;

/// <summary>
/// In-memory per-peer registration state (digest §3.1–§3.4): tokens we issued (hashed, checked in constant time),
/// the token and base URL we call the peer with, and the required behaviour it asked of us. Persistence
/// (migration 0005_oscp.sql) wraps this later. Thread-safe.
/// </summary>
public sealed class OscpPeerRegistry(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Peer> _peers = new(StringComparer.Ordinal);

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

            var peer = new Peer(peerId, role);
            peer.Tokens.Add(new IssuedToken(OscpTokens.Hash(token)));
            _peers[peerId] = peer;
        }

        return token;
    }

    /// <summary>Binds an OSCP group_id of this peer to a microgrid node (digest §4.1 [R] table).</summary>
    public void BindGroup(string peerId, string groupId, string nodeId)
    {
        lock (_lock)
        {
            if (_peers.Values.FirstOrDefault(p => p.Groups.ContainsKey(groupId) && p.PeerId != peerId) is { } other)
            {
                throw new InvalidOperationException($"group '{groupId}' is already bound to peer '{other.PeerId}'");
            }

            Get(peerId).Groups[groupId] = nodeId;
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
        var ourToken = OscpTokens.Generate();
        lock (_lock)
        {
            var peer = Get(peerId);
            var chosen = message.VersionUrls.First(v => v.Version == version);
            peer.TheirToken = message.Token;
            peer.BaseUrl = new Uri(chosen.BaseUrl.ToString().TrimEnd('/'));
            peer.Version = version;
            peer.Tokens.Add(new IssuedToken(OscpTokens.Hash(ourToken)) { PendingReply = true });
            peer.State = OscpPeerState.RegisteredPendingReply;
        }

        return ourToken;
    }

    /// <summary>Our Register reply got its 204: the new token is live and every older one is revoked (digest §3.1 step 5).</summary>
    public void OnRegisterReplyDelivered(string peerId)
    {
        lock (_lock)
        {
            var peer = Get(peerId);
            foreach (var token in peer.Tokens)
            {
                token.Revoked |= !token.PendingReply;
                token.PendingReply = false;
            }

            if (peer.State == OscpPeerState.RegisteredPendingReply)
            {
                peer.State = OscpPeerState.Registered;
            }
        }
    }

    public void OnHandshake(string peerId, RequiredBehaviour? requiredOfUs)
    {
        lock (_lock)
        {
            var peer = Get(peerId);
            peer.RequiredOfUs = requiredOfUs;
            peer.State = OscpPeerState.Active;
        }
    }

    public void OnHeartbeat(string peerId, DateTimeOffset offlineModeAt)
    {
        lock (_lock)
        {
            var peer = Get(peerId);
            peer.LastHeartbeatAt = timeProvider.GetUtcNow();
            peer.OfflineModeAt = offlineModeAt;
        }
    }

    /// <summary>DELETE /register: revoke every token we issued; the caller withdraws the peer's groups.</summary>
    public IReadOnlyList<string> OnUnregister(string peerId)
    {
        lock (_lock)
        {
            var peer = Get(peerId);
            foreach (var token in peer.Tokens)
            {
                token.Revoked = true;
            }

            peer.State = OscpPeerState.Unregistered;
            peer.TheirToken = null;
            return [.. peer.Groups.Keys];
        }
    }

    /// <summary>The peer a group is bound to, or null for an unknown group.</summary>
    public string? PeerOfGroup(string groupId)
    {
        lock (_lock)
        {
            return _peers.Values.FirstOrDefault(p => p.Groups.ContainsKey(groupId))?.PeerId;
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
                new Dictionary<string, string>(p.Groups, StringComparer.Ordinal));
        }
    }

    private Peer Get(string peerId) =>
        _peers.TryGetValue(peerId, out var peer) ? peer : throw new KeyNotFoundException($"unknown OSCP peer '{peerId}'");

    private sealed class Peer(string peerId, OscpPeerRole role)
    {
        public string PeerId { get; } = peerId;

        public OscpPeerRole Role { get; } = role;

        public OscpPeerState State { get; set; } = OscpPeerState.AwaitingRegister;

        public List<IssuedToken> Tokens { get; } = [];

        public string? TheirToken { get; set; }

        public Uri? BaseUrl { get; set; }

        public string? Version { get; set; }

        public RequiredBehaviour? RequiredOfUs { get; set; }

        public DateTimeOffset? LastHeartbeatAt { get; set; }

        public DateTimeOffset? OfflineModeAt { get; set; }

        public Dictionary<string, string> Groups { get; } = new(StringComparer.Ordinal);
    }

    private sealed class IssuedToken(byte[] hash)
    {
        public byte[] Hash { get; } = hash;

        public bool Revoked { get; set; }

        public bool PendingReply { get; set; }
    }
}
