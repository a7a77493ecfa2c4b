using System.Text;
using CentralSystem.Domain.Access;
using CentralSystem.Domain.Sessions;
using CentralSystem.Ocpp.Messages.V201;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V201.Transactions;

/// <summary>
/// Started / Updated / Ended map onto the same session model as 1.6 Start/StopTransaction. Retried events (same
/// transaction and seqNo) are answered again without being applied twice.
/// </summary>
public sealed class TransactionEventHandler(AccessControlService access, SessionService sessions)
    : IOcppCallHandler
{
    public OcppVersion Version => OcppVersion.V201;

    public string Action => "TransactionEvent";

    public async ValueTask<SerializedReply> HandleAsync(OcppCallContext context, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = System.Text.Json.JsonSerializer.Deserialize(payload.Span, V201JsonContext.Default.TransactionEventRequest)
            ?? throw new System.Text.Json.JsonException("payload must be an object");
        var kind = request.EventType switch
        {
            "Started" => TransactionEventKind.Started,
            "Ended" => TransactionEventKind.Ended,
            _ => TransactionEventKind.Updated,
        };
        await sessions.ApplyTransactionEventAsync(
            new TransactionEventReport(context.ChargerId, request.TransactionInfo.TransactionId, kind, request.Timestamp, request.SeqNo,
                request.TriggerReason, request.IdToken?.Value, request.Evse?.Id, request.Evse?.ConnectorId,
                request.TransactionInfo.StoppedReason, V201Mapping.ToSamples(request.MeterValue),
                Encoding.UTF8.GetString(payload.Span), context.ReceivedAt),
            "2.0.1",
            cancellationToken);

        // E01.FR.xx / E05: idTokenInfo is returned when the event carried an idToken.
        IdTokenInfo? info = null;
        if (request.IdToken is { } token)
        {
            // An attempt is the Started event or a later authorisation (triggerReason Authorized); other events only repeat it.
            var attempt = kind == TransactionEventKind.Started || request.TriggerReason == "Authorized";
            var decision = await access.DecideAsync(
                new AccessRequest(context.ChargerId, request.Evse?.Id, request.Evse?.ConnectorId, token.Value, token.Type, "2.0.1",
                    AccessTrigger.TransactionEvent, Record: attempt),
                context.ReceivedAt, cancellationToken);
            info = V201Mapping.ToIdTokenInfo(decision);
        }

        var frame = Rpc.FrameWriter.WriteCallResult(context.MessageId, new TransactionEventResponse(info), V201JsonContext.Default.TransactionEventResponse, out var range);
        return new SerializedReply(frame, range);
    }
}
