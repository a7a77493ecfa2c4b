namespace CentralSystem.Ocpp.Transport;

public enum OutboundCallStatus
{
    Result,
    Error,
    Timeout,
    ConnectionClosed,
    Cancelled,
}
