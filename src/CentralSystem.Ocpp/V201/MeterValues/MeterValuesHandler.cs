using CentralSystem.Domain.Sessions;
using CentralSystem.Ocpp.Messages.V201;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V201.MeterValues;

/// <summary>2.0.1 MeterValues are outside transactions (those come in TransactionEvent); they are kept per EVSE.</summary>
public sealed class MeterValuesHandler(SessionService sessions)
    : OcppCallHandler<MeterValuesRequest, EmptyResponse>(V201JsonContext.Default.MeterValuesRequest, V201JsonContext.Default.EmptyResponse)
{
    private static readonly EmptyResponse Empty = new();

    public override OcppVersion Version => OcppVersion.V201;

    public override string Action => "MeterValues";

    protected override async ValueTask<EmptyResponse> HandleAsync(OcppCallContext context, MeterValuesRequest request, CancellationToken cancellationToken)
    {
        await sessions.RecordMeterReadingsAsync(
            new MeterReadings(context.ChargerId, request.EvseId, null, null, null, V201Mapping.ToSamples(request.MeterValue), context.ReceivedAt),
            cancellationToken);
        return Empty;
    }
}
