namespace CentralSystem.Server.Dashboard;

/// <summary>What a dashboard loads once before it follows the push stream.</summary>
public sealed record DashboardSnapshot(DateTimeOffset At, IReadOnlyList<DashboardCharger> Chargers, IReadOnlyList<DashboardSession> Sessions);

public sealed record DashboardCharger(
    string Id,
    string Status,
    bool Connected,
    string? OcppVersion,
    string? Vendor,
    string? Model,
    DateTimeOffset? LastSeenAt,
    IReadOnlyList<DashboardConnector> Connectors,
    DashboardAccess? Access);

/// <summary>A scheduled charger's access mode and its next switch (null for chargers without a schedule).</summary>
public sealed record DashboardAccess(string Mode, string? Rule, DateTimeOffset? NextSwitchAt, string? NextMode);

public sealed record DashboardConnector(int EvseId, int ConnectorId, string Status, string? ErrorCode, DateTimeOffset ReportedAt);

public sealed record DashboardSession(
    long Id,
    string ChargerId,
    string TransactionId,
    int? EvseId,
    int? ConnectorId,
    string? IdToken,
    DateTimeOffset StartedAt,
    decimal? MeterStartWh,
    decimal? EnergyWh,
    decimal? PowerW);
