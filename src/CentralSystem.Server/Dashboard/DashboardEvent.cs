namespace CentralSystem.Server.Dashboard;

/// <summary>
/// One change pushed to dashboards. <see cref="Type"/> is <c>connection</c>, <c>status</c>, <c>sessionStarted</c>,
/// <c>sessionEnded</c>, <c>meter</c>, <c>accessDenied</c> or <c>accessMode</c> (<see cref="AccessMode"/> <c>Freevend</c>,
/// <c>Managed</c> or <c>None</c> without a schedule); the other fields are filled as the type needs.
/// </summary>
public sealed record DashboardEvent(
    string Type,
    DateTimeOffset At,
    string ChargerId,
    bool? Connected = null,
    string? OcppVersion = null,
    int? EvseId = null,
    int? ConnectorId = null,
    string? Status = null,
    string? ErrorCode = null,
    long? SessionId = null,
    string? TransactionId = null,
    string? IdToken = null,
    decimal? PowerW = null,
    decimal? EnergyWh = null,
    decimal? CurrentA = null,
    string? StopReason = null,
    decimal? MeterStartWh = null,
    string? Identifier = null,
    string? Reason = null,
    string? AccessMode = null,
    string? Rule = null,
    DateTimeOffset? NextSwitchAt = null,
    string? NextMode = null);
