using CentralSystem.Ocpp.Transport;

namespace CentralSystem.Ocpp.Pipeline;

/// <summary>What a handler knows about the CALL it answers.</summary>
public sealed class OcppCallContext(ChargePointConnection connection, string messageId, string action, DateTimeOffset receivedAt)
{
    public ChargePointConnection Connection { get; } = connection;

    public string ChargerId => Connection.ChargerId;

    public OcppVersion Version => Connection.Version;

    public string MessageId { get; } = messageId;

    public string Action { get; } = action;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;
}
