using System.Globalization;
using CentralSystem.Domain.Sessions;
using CentralSystem.Ocpp.Messages.V16;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V16.Core;

/// <summary>Values without a transactionId (clock-aligned, connector 0) are kept too (CitrineOS core#1025).</summary>
public sealed class MeterValuesHandler(SessionService sessions)
    : OcppCallHandler<MeterValuesRequest, EmptyResponse>(V16JsonContext.Default.MeterValuesRequest, V16JsonContext.Default.EmptyResponse)
{
    private static readonly EmptyResponse Empty = new();

    public override OcppVersion Version => OcppVersion.V16;

    public override string Action => "MeterValues";

    protected override async ValueTask<EmptyResponse> HandleAsync(OcppCallContext context, MeterValuesRequest request, CancellationToken cancellationToken)
    {
        var transactionId = request.TransactionId?.ToString(CultureInfo.InvariantCulture);
        var session = transactionId is null ? null : await sessions.FindAsync(context.ChargerId, transactionId, cancellationToken);
        await sessions.RecordMeterReadingsAsync(
            new MeterReadings(context.ChargerId, request.ConnectorId, request.ConnectorId, session?.Id, transactionId,
                V16Mapping.ToSamples(request.MeterValue), context.ReceivedAt),
            cancellationToken);
        return Empty;
    }
}
