using System.Globalization;
using CentralSystem.Domain.Authorization;
using CentralSystem.Domain.Sessions;
using CentralSystem.Ocpp.Messages.V16;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V16.Core;

/// <summary>
/// Always acknowledged, even for unknown or already stopped transactions: a charger retries a StopTransaction until
/// it is answered, so refusing it would block its queue. Duplicates and anomalies are recorded, not counted twice.
/// </summary>
public sealed class StopTransactionHandler(AuthorizationService authorization, SessionService sessions)
    : OcppCallHandler<StopTransactionRequest, StopTransactionResponse>(V16JsonContext.Default.StopTransactionRequest, V16JsonContext.Default.StopTransactionResponse)
{
    public override OcppVersion Version => OcppVersion.V16;

    public override string Action => "StopTransaction";

    protected override async ValueTask<StopTransactionResponse> HandleAsync(OcppCallContext context, StopTransactionRequest request, CancellationToken cancellationToken)
    {
        var transactionId = request.TransactionId.ToString(CultureInfo.InvariantCulture);
        var samples = V16Mapping.ToSamples(request.TransactionData);
        if (samples.Count > 0)
        {
            var session = await sessions.FindAsync(context.ChargerId, transactionId, cancellationToken);
            await sessions.RecordMeterReadingsAsync(
                new MeterReadings(context.ChargerId, session?.EvseId, session?.ConnectorId, session?.Id, transactionId, samples, context.ReceivedAt),
                cancellationToken);
        }

        await sessions.StopAsync(context.ChargerId, transactionId,
            new SessionStopReport(request.Timestamp, request.MeterStop, request.Reason, request.IdTag), cancellationToken);

        if (request.IdTag is null)
        {
            return new StopTransactionResponse(null);
        }

        var decision = await authorization.AuthorizeAsync(request.IdTag, context.ReceivedAt, cancellationToken);
        return new StopTransactionResponse(V16Mapping.ToIdTagInfo(decision));
    }
}
