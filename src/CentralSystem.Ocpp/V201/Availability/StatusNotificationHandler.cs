using CentralSystem.Domain.Status;
using CentralSystem.Ocpp.Messages.V201;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V201.Availability;

public sealed class StatusNotificationHandler(ConnectorStatusService statuses)
    : OcppCallHandler<StatusNotificationRequest, EmptyResponse>(V201JsonContext.Default.StatusNotificationRequest, V201JsonContext.Default.EmptyResponse)
{
    private static readonly EmptyResponse Empty = new();

    public override OcppVersion Version => OcppVersion.V201;

    public override string Action => "StatusNotification";

    protected override async ValueTask<EmptyResponse> HandleAsync(OcppCallContext context, StatusNotificationRequest request, CancellationToken cancellationToken)
    {
        await statuses.RecordAsync(
            new ConnectorStatusReport(context.ChargerId, request.EvseId, request.ConnectorId, request.ConnectorStatus, null, null, null,
                request.Timestamp, context.ReceivedAt),
            cancellationToken);
        return Empty;
    }
}
