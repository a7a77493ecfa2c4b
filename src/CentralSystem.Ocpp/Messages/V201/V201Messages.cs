// OCPP 2.0.1 message contracts used by the CSMS (field names and optionality as in the 2.0.1 JSON schemas).
// customData is accepted by the schemas and ignored here. Enumerations stay strings (see V16Messages.cs).
using System.Text.Json;

namespace CentralSystem.Ocpp.Messages.V201;

public sealed record EmptyResponse;

public sealed record StatusInfo(string ReasonCode, string? AdditionalInfo = null);

public sealed record Modem(string? Iccid, string? Imsi);

public sealed record ChargingStation(string Model, string VendorName, string? SerialNumber, string? FirmwareVersion, Modem? Modem);

public sealed record BootNotificationRequest(ChargingStation ChargingStation, string Reason);

public sealed record BootNotificationResponse(DateTimeOffset CurrentTime, int Interval, string Status, StatusInfo? StatusInfo = null);

public sealed record HeartbeatRequest;

public sealed record HeartbeatResponse(DateTimeOffset CurrentTime);

public sealed record AdditionalInfo(string AdditionalIdToken, string Type);

// The schema names the value "idToken" inside IdTokenType; a member cannot share its type's name in C#.
public sealed record IdToken(
    [property: System.Text.Json.Serialization.JsonPropertyName("idToken")] string Value,
    string Type,
    IReadOnlyList<AdditionalInfo>? AdditionalInfo = null);

public sealed record MessageContent(string Format, string Content, string? Language = null);

public sealed record IdTokenInfo(
    string Status,
    DateTimeOffset? CacheExpiryDateTime = null,
    IdToken? GroupIdToken = null,
    MessageContent? PersonalMessage = null);

public sealed record AuthorizeRequest(IdToken IdToken);

public sealed record AuthorizeResponse(IdTokenInfo IdTokenInfo);

public sealed record StatusNotificationRequest(DateTimeOffset Timestamp, string ConnectorStatus, int EvseId, int ConnectorId);

public sealed record UnitOfMeasure(string? Unit, int? Multiplier);

public sealed record SampledValue(
    decimal Value,
    string? Context,
    string? Measurand,
    string? Phase,
    string? Location,
    UnitOfMeasure? UnitOfMeasure);

public sealed record MeterValue(DateTimeOffset Timestamp, IReadOnlyList<SampledValue> SampledValue);

public sealed record MeterValuesRequest(int EvseId, IReadOnlyList<MeterValue> MeterValue);

public sealed record Evse(int Id, int? ConnectorId);

public sealed record TransactionInfo(
    string TransactionId,
    string? ChargingState,
    int? TimeSpentCharging,
    string? StoppedReason,
    int? RemoteStartId);

public sealed record TransactionEventRequest(
    string EventType,
    DateTimeOffset Timestamp,
    string TriggerReason,
    int SeqNo,
    bool? Offline,
    int? NumberOfPhasesUsed,
    int? CableMaxCurrent,
    int? ReservationId,
    TransactionInfo TransactionInfo,
    IdToken? IdToken,
    Evse? Evse,
    IReadOnlyList<MeterValue>? MeterValue);

public sealed record TransactionEventResponse(IdTokenInfo? IdTokenInfo = null);

public sealed record DataTransferRequest(string VendorId, string? MessageId, JsonElement? Data);

public sealed record DataTransferResponse(string Status, StatusInfo? StatusInfo = null);
