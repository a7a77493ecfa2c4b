namespace CentralSystem.Ocpp.Schemas;

// Path is "" for the payload itself, otherwise like "idTagInfo.status" or "meterValue[0].sampledValue[1].value".
public readonly record struct SchemaViolation(SchemaViolationKind Kind, string Path, string Message);
