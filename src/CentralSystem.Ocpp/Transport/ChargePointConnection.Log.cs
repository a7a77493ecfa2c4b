using Microsoft.Extensions.Logging;

namespace CentralSystem.Ocpp.Transport;

public sealed partial class ChargePointConnection
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "{ChargePointId} connected with {Version}")]
    private partial void LogConnected(string chargePointId, OcppVersion version);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "{ChargePointId} disconnected: {Reason}")]
    private partial void LogDisconnected(string chargePointId, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "{ChargePointId} reconnected: closing the superseded connection")]
    private partial void LogSuperseded(string chargePointId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Unparseable frame from {ChargePointId}: {Problem}")]
    private partial void LogBadFrame(string chargePointId, string problem);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "{ChargePointId} sent a message over {Limit} bytes: closing")]
    private partial void LogMessageTooBig(string chargePointId, int limit);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "{Action} to {ChargePointId} ({MessageId}) timed out")]
    private partial void LogCallTimedOut(string chargePointId, string action, string messageId);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Dropped a reply from {ChargePointId} to no pending call ({MessageId}): late or unsolicited")]
    private partial void LogUnmatchedReply(string chargePointId, string messageId);
}
