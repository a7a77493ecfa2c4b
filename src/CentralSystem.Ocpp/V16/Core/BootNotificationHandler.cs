using CentralSystem.Domain.Chargers;
using CentralSystem.Ocpp.Messages.V16;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V16.Core;

public sealed class BootNotificationHandler(ChargerBootService boots)
    : OcppCallHandler<BootNotificationRequest, BootNotificationResponse>(V16JsonContext.Default.BootNotificationRequest, V16JsonContext.Default.BootNotificationResponse)
{
    public override OcppVersion Version => OcppVersion.V16;

    public override string Action => "BootNotification";

    protected override async ValueTask<BootNotificationResponse> HandleAsync(OcppCallContext context, BootNotificationRequest request, CancellationToken cancellationToken)
    {
        var identity = new ChargerIdentity(request.ChargePointVendor, request.ChargePointModel,
            request.ChargePointSerialNumber ?? request.ChargeBoxSerialNumber, request.FirmwareVersion,
            request.Iccid, request.Imsi, request.MeterType, request.MeterSerialNumber);
        var (status, interval) = await boots.BootAsync(context, identity, cancellationToken);
        return new BootNotificationResponse(status.ToString(), context.ReceivedAt, interval);
    }
}
