// OCPP 1.6 message contracts used by the CSMS (field names and optionality as in the 1.6 JSON schemas).
// Enumerations stay strings so that lenient mode can pass vendor values through without failing deserialisation.
namespace CentralSystem.Ocpp.Messages.V16;

public sealed record IdTagInfo(string Status, DateTimeOffset? ExpiryDate = null, string? ParentIdTag = null);

public sealed record EmptyResponse;

public sealed record BootNotificationRequest(
    string ChargePointVendor,
    string ChargePointModel,
    string? ChargePointSerialNumber,
    string? ChargeBoxSerialNumber,
    string? FirmwareVersion,
    string? Iccid,
    string? Imsi,
    string? MeterType,
    string? MeterSerialNumber);

public sealed record BootNotificationResponse(string Status, DateTimeOffset CurrentTime, int Interval);

public sealed record HeartbeatRequest;

public sealed record HeartbeatResponse(DateTimeOffset CurrentTime);

public sealed record AuthorizeRequest(string IdTag);

public sealed record AuthorizeResponse(IdTagInfo IdTagInfo);

public sealed record StartTransactionRequest(int ConnectorId, string IdTag, int MeterStart, int? ReservationId, DateTimeOffset Timestamp);

public sealed record StartTransactionResponse(IdTagInfo IdTagInfo, int TransactionId);

public sealed record SampledValue(
    string Value,
    string? Context,
    string? Format,
    string? Measurand,
    string? Phase,
    string? Location,
    string? Unit);

public sealed record MeterValue(DateTimeOffset Timestamp, IReadOnlyList<SampledValue> SampledValue);

public sealed record StopTransactionRequest(
    string? IdTag,
    int MeterStop,
    DateTimeOffset Timestamp,
    int TransactionId,
    string? Reason,
    IReadOnlyList<MeterValue>? TransactionData);

public sealed record StopTransactionResponse(IdTagInfo? IdTagInfo);

public sealed record MeterValuesRequest(int ConnectorId, int? TransactionId, IReadOnlyList<MeterValue> MeterValue);

public sealed record StatusNotificationRequest(
    int ConnectorId,
    string ErrorCode,
    string? Info,
    string Status,
    DateTimeOffset? Timestamp,
    string? VendorId,
    string? VendorErrorCode);

public sealed record DataTransferRequest(string VendorId, string? MessageId, string? Data);

public sealed record DataTransferResponse(string Status, string? Data = null);
