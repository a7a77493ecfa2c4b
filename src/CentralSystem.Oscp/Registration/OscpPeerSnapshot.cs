using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Registration;

/// <summary>Operator view of one peer: state, where we call it, what it asked of us, and its bound groups.</summary>
public sealed record OscpPeerSnapshot(
    string PeerId,
    OscpPeerRole Role,
    OscpPeerState State,
    string? Version,
    Uri? BaseUrl,
    RequiredBehaviour? RequiredOfUs,
    DateTimeOffset? LastHeartbeatAt,
    DateTimeOffset? OfflineModeAt,
    IReadOnlyDictionary<string, OscpGroupBinding> Groups)
{
    public string? NeedsAttention { get; init; }

    public OscpPeerProfile Profile { get; init; } = OscpPeerProfile.Default;
}
