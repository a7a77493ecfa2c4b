using System.Text.Json.Serialization;

namespace CentralSystem.Server.Oscp;

// Request and response shapes of the OSCP operator API (/api/oscp/...).

public sealed record CreatePeerBody(string? PeerId, string? Role, CentralSystem.Oscp.Registration.OscpPeerProfile? Profile = null);

/// <summary>The peer's first token (TOKEN_A): shown once, handed to the capacity provider out-of-band with the register URL.</summary>
public sealed record CreatedPeerView(string PeerId, string Role, string Token, Uri RegisterUrl);

public sealed record BindGroupBody(string? SiteId, string? NodeId);

public sealed record GroupBindingView(string GroupId, string SiteId, string NodeId);

public sealed record PeerView(
    string PeerId,
    string Role,
    string State,
    bool Online,
    string? Version,
    Uri? BaseUrl,
    int? HeartbeatIntervalSeconds,
    IReadOnlyList<string> MeasurementConfiguration,
    DateTimeOffset? LastHeartbeatAt,
    DateTimeOffset? OfflineModeAt,
    string? NeedsAttention,
    IReadOnlyList<GroupBindingView> Groups)
{
    public CentralSystem.Oscp.Registration.OscpPeerProfile? Profile { get; init; }

    /// <summary>Recent durable outbound messages (replies, compliance errors, adjust requests) and how each ended.</summary>
    public IReadOnlyList<OscpOutboundSummary>? Outbound { get; init; }
}

public sealed record TimelineSegmentView(
    DateTimeOffset From,
    DateTimeOffset To,
    double? ImportW,
    double? ExportW,
    double? ImportA,
    string Mode,
    string? Source,
    string? RequestId,
    bool Fresh);

public sealed record ComplianceView(double? MeasuredW, double? AllowedW, bool Compliant, string? Reason, DateTimeOffset? ExceededSince, DateTimeOffset At);

public sealed record GroupView(
    string GroupId,
    string? PeerId,
    string? SiteId,
    string? NodeId,
    string State,
    DateTimeOffset? OfflineModeAt,
    DateTimeOffset? NextEdge,
    IReadOnlyList<TimelineSegmentView> Timeline,
    ComplianceView? Compliance);

public sealed record AdjustAcceptedView(string RequestId);

/// <summary>AdjustGroupCapacityForecast minus group_id (taken from the route), in OSCP's own wire names.</summary>
public sealed record AdjustBody(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("forecasted_blocks")] System.Text.Json.JsonElement? ForecastedBlocks);
