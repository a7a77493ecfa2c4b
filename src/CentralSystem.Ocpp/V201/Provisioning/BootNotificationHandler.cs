using CentralSystem.Domain.Chargers;
using CentralSystem.Ocpp.Messages.V201;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V201.Provisioning;

public sealed class BootNotificationHandler(ChargerBootService boots)
    : OcppCallHandler<BootNotificationRequest, BootNotificationResponse>(V201JsonContext.Default.BootNotificationRequest, V201JsonContext.Default.BootNotificationResponse)
{
    public override OcppVersion Version => OcppVersion.V201;

    public override string Action => "BootNotification";

    protected override async ValueTask<BootNotificationResponse> HandleAsync(OcppCallContext context, BootNotificationRequest request, CancellationToken cancellationToken)
    {
        var station = request.ChargingStation;
        var identity = new ChargerIdentity(station.VendorName, station.Model, station.SerialNumber, station.FirmwareVersion,
            station.Modem?.Iccid, station.Modem?.Imsi, null, null);
        var (status, interval) = await boots.BootAsync(context, identity, cancellationToken);
        var info = status == ChargerRegistrationStatus.Accepted ? null : new StatusInfo("Unspecified", "Awaiting operator acceptance");
        return new BootNotificationResponse(context.ReceivedAt, interval, status.ToString(), info);
    }
}
