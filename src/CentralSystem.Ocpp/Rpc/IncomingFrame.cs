namespace CentralSystem.Ocpp.Rpc;

/// <summary>A parsed OCPP-J frame; payload and error details are slices of the received bytes (no copies).</summary>
public readonly record struct IncomingFrame(
    MessageTypeId MessageType,
    string MessageId,
    string? Action,
    ReadOnlyMemory<byte> Payload,
    string? ErrorCode,
    string? ErrorDescription);
