using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Registration;

namespace CentralSystem.Oscp.Persistence;

/// <summary>One atomic unit of OSCP state change: written in one transaction.</summary>
public sealed record OscpChangeSet
{
    public IReadOnlyList<OscpPeerRecord> Peers { get; init; } = [];

    public IReadOnlyList<string> DeletedPeers { get; init; } = [];

    /// <summary>The complete blocks now held for each (group, type) listed; an empty list removes that type.</summary>
    public IReadOnlyList<GroupForecastBlocks> Forecasts { get; init; } = [];

    /// <summary>Groups whose every forecast was dropped (unregistered, unbound).</summary>
    public IReadOnlyList<string> ClearedGroups { get; init; } = [];

    public OscpSeenRequest? SeenRequest { get; init; }

    /// <summary>Durable outbound messages to persist; they are queued for sending only after the commit.</summary>
    public IReadOnlyList<OscpOutboundMessage> Outbound { get; init; } = [];

    public bool IsEmpty => Peers.Count == 0 && DeletedPeers.Count == 0 && Forecasts.Count == 0 && ClearedGroups.Count == 0
        && SeenRequest is null && Outbound.Count == 0;
}

public sealed record GroupForecastBlocks(string GroupId, CapacityForecastType Type, IReadOnlyList<StoredForecastBlock> Blocks);

public sealed record OscpSeenRequest(string PeerId, string RequestId, DateTimeOffset At);
