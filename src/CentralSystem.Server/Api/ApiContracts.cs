// Operator API request and response bodies (JSON, camelCase).
using CentralSystem.Domain.Authorization;
using CentralSystem.Domain.Chargers;

namespace CentralSystem.Server.Api;

public sealed record RegisterChargerRequest(string? Id, string? Password, ChargerRegistrationStatus? Status, bool? LenientValidation, bool? LogFrames);

public sealed record SetCredentialsRequest(string? Password);

public sealed record UpdateChargerRequest(bool? LenientValidation, bool? LogFrames);

public sealed record ChargerView(
    string Id,
    ChargerRegistrationStatus Status,
    bool Connected,
    string? OcppVersion,
    string? Vendor,
    string? Model,
    string? SerialNumber,
    string? FirmwareVersion,
    bool LenientValidation,
    bool? LogFrames,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastBootAt,
    DateTimeOffset? LastSeenAt);

public sealed record RegisterIdTokenRequest(string? IdToken, string? Type, IdTokenStatus? Status, DateTimeOffset? ExpiresAt, string? GroupIdToken);

public sealed record SessionView(
    long Id,
    string ChargerId,
    string TransactionId,
    int? EvseId,
    int? ConnectorId,
    string? IdToken,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? StoppedAt,
    decimal? MeterStartWh,
    decimal? MeterStopWh,
    decimal? EnergyWh,
    decimal? EnergyKWh,
    string? StopReason,
    IReadOnlyList<string> Flags);

public sealed record CallRequest(string? Action, System.Text.Json.JsonElement? Payload);

public sealed record CallResultView(string Status, System.Text.Json.JsonElement? Payload, string? ErrorCode, string? ErrorDescription);
