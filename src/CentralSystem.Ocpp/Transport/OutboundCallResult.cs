namespace CentralSystem.Ocpp.Transport;

/// <summary>How a CSMS→charger CALL ended; Payload is the CALLRESULT payload (a private copy).</summary>
public sealed record OutboundCallResult(OutboundCallStatus Status, ReadOnlyMemory<byte> Payload, string? ErrorCode, string? ErrorDescription)
{
    public static OutboundCallResult TimedOut { get; } = new(OutboundCallStatus.Timeout, default, null, "No response within the call timeout");

    public static OutboundCallResult Closed { get; } = new(OutboundCallStatus.ConnectionClosed, default, null, "The charger is not connected");

    public static OutboundCallResult Cancelled { get; } = new(OutboundCallStatus.Cancelled, default, null, "The call was cancelled");
}
