using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Registration;

namespace CentralSystem.Oscp.Persistence;

/// <summary>What <see cref="IOscpStateStore.LoadAsync"/> returns at start-up.</summary>
public sealed record OscpStoredState(
    IReadOnlyList<OscpPeerRecord> Peers,
    IReadOnlyList<StoredForecastBlock> Blocks,
    IReadOnlyList<OscpSeenRequest> RecentRequests,
    IReadOnlyList<OscpOutboundMessage> PendingOutbound)
{
    public static OscpStoredState Empty { get; } = new([], [], [], []);
}
