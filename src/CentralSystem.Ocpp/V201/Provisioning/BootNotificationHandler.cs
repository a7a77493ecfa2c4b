using CentralSystem.Domain.Chargers;
using CentralSystem.Ocpp.Messages.V201;
using CentralSystem.Ocpp.Pipeline;
using CentralSystem.Ocpp.Transport;
using Microsoft.Extensions.Options;

namespace CentralSystem.Ocpp.V201.Provisioning;

public sealed class BootNotificationHandler(IChargerRepository chargers, IOptions<OcppOptions> options, IEnumerable<IChargerSessionObserver> sessionObservers)
    : OcppCallHandler<BootNotificationRequest, BootNotificationResponse>(V201JsonContext.Default.BootNotificationRequest, V201JsonContext.Default.BootNotificationResponse)
{
    public override OcppVersion Version => OcppVersion.V201;

    public override string Action => "BootNotification";

    protected override async ValueTask<BootNotificationResponse> HandleAsync(OcppCallContext context, BootNotificationRequest request, CancellationToken cancellationToken)
    {
        var station = request.ChargingStation;
        var identity = new ChargerIdentity(station.VendorName, station.Model, station.SerialNumber, station.FirmwareVersion,
            station.Modem?.Iccid, station.Modem?.Imsi, null, null);
        await chargers.RecordBootAsync(context.ChargerId, identity, "2.0.1", context.ReceivedAt, cancellationToken);
        var status = (await chargers.FindAsync(context.ChargerId, cancellationToken))?.Status ?? ChargerRegistrationStatus.Rejected;
        context.Connection.RegistrationStatus = status;
        ChargerSessionEvents.Booted(sessionObservers, context.ChargerId, OcppVersion.V201, status);

        // B01.FR.01 / B02.FR.01: interval is the heartbeat interval when Accepted, the retry delay otherwise.
        var interval = status == ChargerRegistrationStatus.Accepted ? options.Value.HeartbeatIntervalSeconds : options.Value.PendingRetryIntervalSeconds;
        var info = status == ChargerRegistrationStatus.Accepted ? null : new StatusInfo("Unspecified", "Awaiting operator acceptance");
        return new BootNotificationResponse(context.ReceivedAt, interval, status.ToString(), info);
    }
}
