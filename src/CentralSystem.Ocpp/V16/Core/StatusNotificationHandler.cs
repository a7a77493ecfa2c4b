using CentralSystem.Domain.Status;
using CentralSystem.Ocpp.Messages.V16;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V16.Core;

public sealed class StatusNotificationHandler(ConnectorStatusService statuses)
    : OcppCallHandler<StatusNotificationRequest, EmptyResponse>(V16JsonContext.Default.StatusNotificationRequest, V16JsonContext.Default.EmptyResponse)
{
    private static readonly EmptyResponse Empty = new();

    public override OcppVersion Version => OcppVersion.V16;

    public override string Action => "StatusNotification";

    protected override async ValueTask<EmptyResponse> HandleAsync(OcppCallContext context, StatusNotificationRequest request, CancellationToken cancellationToken)
    {
        // 1.6 has one connector per "EVSE": connector 0 is the charge point itself.
        await statuses.RecordAsync(
            new ConnectorStatusReport(context.ChargerId, request.ConnectorId, request.ConnectorId, request.Status, request.ErrorCode,
                request.Info, request.VendorErrorCode, request.Timestamp ?? context.ReceivedAt, context.ReceivedAt),
            cancellationToken);
        return Empty;
    }
}
