using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Registration;

/// <summary>
/// Everything the registry knows of one peer, as persisted (one row per peer). <see cref="TheirToken"/> is the token
/// we present when calling the peer, so it cannot be hashed; the tokens we only verify are.
/// </summary>
public sealed record OscpPeerRecord(string PeerId, OscpPeerRole Role, OscpPeerState State)
{
    public string? Version { get; init; }

    public Uri? BaseUrl { get; init; }

    public string? TheirToken { get; init; }

    public RequiredBehaviour? RequiredOfUs { get; init; }

    public DateTimeOffset? LastHeartbeatAt { get; init; }

    public DateTimeOffset? OfflineModeAt { get; init; }

    /// <summary>Set when the peer refused our calls with 401/403 (digest §7.2): an operator must look at the registration.</summary>
    public string? NeedsAttention { get; init; }

    public OscpPeerProfile Profile { get; init; } = OscpPeerProfile.Default;

    public IReadOnlyList<OscpIssuedToken> Tokens { get; init; } = [];

    public IReadOnlyList<OscpGroupBinding> Groups { get; init; } = [];
}
