using System.Collections.Frozen;
using System.Text.Json;
using CentralSystem.Domain.Chargers;
using CentralSystem.Ocpp.Rpc;
using CentralSystem.Ocpp.Schemas;
using CentralSystem.Ocpp.Transport;
using Microsoft.Extensions.Logging;

namespace CentralSystem.Ocpp.Pipeline;

/// <summary>
/// The single path every charger CALL takes, whatever the version: find the handler, validate the payload against
/// the official schema, run the handler, validate what we answer, and turn every failure into a CALLERROR.
/// </summary>
public sealed partial class OcppMessagePipeline
{
    private readonly FrozenDictionary<(OcppVersion, string), IOcppCallHandler> _handlers;
    private readonly OcppSchemaRegistry _schemas;
    private readonly ILogger<OcppMessagePipeline> _logger;

    public OcppMessagePipeline(IEnumerable<IOcppCallHandler> handlers, OcppSchemaRegistry schemas, ILogger<OcppMessagePipeline> logger)
    {
        _handlers = handlers.ToFrozenDictionary(h => (h.Version, h.Action));
        _schemas = schemas;
        _logger = logger;
    }

    public OcppSchemaRegistry Schemas => _schemas;

    public async ValueTask<PooledBufferWriter> ProcessCallAsync(ChargePointConnection connection, IncomingFrame frame, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var version = connection.Version;
        var action = frame.Action!;
        if (!_handlers.TryGetValue((version, action), out var handler))
        {
            // NotImplemented: the action is not known at all; NotSupported: known to the protocol, not handled by a CSMS.
            var known = _schemas.Find(version, action, PayloadKind.Request) is not null;
            return Error(frame.MessageId, known ? RpcErrorKind.NotSupported : RpcErrorKind.NotImplemented, version,
                known ? $"{action} is not supported by this central system" : $"Unknown action '{action}'");
        }

        // OCPP 2.0.1 B02.FR.09 / B03.FR.07 (and 1.6 §4.2.1): until a charger is accepted, only BootNotification is served.
        if (connection.RegistrationStatus != ChargerRegistrationStatus.Accepted && action != "BootNotification")
        {
            return Error(frame.MessageId, RpcErrorKind.SecurityError, version,
                $"Charger is {connection.RegistrationStatus}: only BootNotification is accepted until an operator accepts it");
        }

        var schema = _schemas.Find(version, action, PayloadKind.Request);
        if (schema is not null)
        {
            var result = schema.Validate(frame.Payload.Span);
            if (!result.IsValid && !AcceptLeniently(connection, action, result))
            {
                var first = result.Violations[0];
                LogInboundViolation(connection.ChargerId, action, frame.MessageId, first.Message);
                return Error(frame.MessageId, RpcErrorCodes.ForViolation(first.Kind), version, Describe(result));
            }
        }

        SerializedReply reply;
        try
        {
            reply = await handler.HandleAsync(new OcppCallContext(connection, frame.MessageId, action, receivedAt), frame.Payload, cancellationToken);
        }
        catch (JsonException ex)
        {
            // Only reachable in lenient mode: the payload passed as tolerable but cannot be read into the contract.
            return Error(frame.MessageId, RpcErrorKind.FormatViolation, version, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, connection.ChargerId, action, frame.MessageId);
            return Error(frame.MessageId, RpcErrorKind.InternalError, version, "The central system could not process the request");
        }

        var responseSchema = _schemas.Find(version, action, PayloadKind.Response);
        if (responseSchema is not null)
        {
            var outbound = responseSchema.Validate(reply.Frame.WrittenSpan[reply.PayloadRange]);
            if (!outbound.IsValid)
            {
                // A bug of ours must not reach a charger: answer InternalError and log loudly.
                LogOutboundViolation(connection.ChargerId, action, frame.MessageId, Describe(outbound));
                reply.Frame.Dispose();
                return Error(frame.MessageId, RpcErrorKind.InternalError, version, "The central system produced an invalid response");
            }
        }

        return reply.Frame;
    }

    public static PooledBufferWriter Error(string messageId, RpcErrorKind kind, OcppVersion version, string description) =>
        FrameWriter.WriteCallError(messageId, RpcErrorCodes.Spell(kind, version), description);

    private static string Describe(SchemaValidationResult result) =>
        result.Violations.Count == 1
            ? result.Violations[0].Message
            : string.Join("; ", result.Violations.Take(5).Select(v => v.Message));

    /// <summary>Lenient mode accepts what real chargers get wrong without making the data unreadable.</summary>
    private bool AcceptLeniently(ChargePointConnection connection, string action, SchemaValidationResult result)
    {
        if (!connection.LenientValidation)
        {
            return false;
        }

        foreach (var violation in result.Violations)
        {
            if (violation.Kind is not (SchemaViolationKind.MaxLength or SchemaViolationKind.AdditionalProperty
                or SchemaViolationKind.Format or SchemaViolationKind.Enum))
            {
                return false;
            }
        }

        LogLenientAccept(connection.ChargerId, action, Describe(result));
        return true;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Rejected {Action} {MessageId} from {ChargePointId}: {Violation}")]
    private partial void LogInboundViolation(string chargePointId, string action, string messageId, string violation);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Lenient mode accepted {Action} from {ChargePointId} despite: {Violations}")]
    private partial void LogLenientAccept(string chargePointId, string action, string violations);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Handler for {Action} {MessageId} from {ChargePointId} failed")]
    private partial void LogHandlerFailed(Exception exception, string chargePointId, string action, string messageId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Our {Action} response to {ChargePointId} ({MessageId}) violates the schema: {Violations}")]
    private partial void LogOutboundViolation(string chargePointId, string action, string messageId, string violations);
}
