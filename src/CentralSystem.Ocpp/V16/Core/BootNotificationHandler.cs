using CentralSystem.Domain.Chargers;
using CentralSystem.Ocpp.Messages.V16;
using CentralSystem.Ocpp.Pipeline;
using CentralSystem.Ocpp.Transport;
using Microsoft.Extensions.Options;

namespace CentralSystem.Ocpp.V16.Core;

public sealed class BootNotificationHandler(IChargerRepository chargers, IOptions<OcppOptions> options, IEnumerable<IChargerSessionObserver> sessionObservers)
    : OcppCallHandler<BootNotificationRequest, BootNotificationResponse>(V16JsonContext.Default.BootNotificationRequest, V16JsonContext.Default.BootNotificationResponse)
{
    public override OcppVersion Version => OcppVersion.V16;

    public override string Action => "BootNotification";

    protected override async ValueTask<BootNotificationResponse> HandleAsync(OcppCallContext context, BootNotificationRequest request, CancellationToken cancellationToken)
    {
        var identity = new ChargerIdentity(request.ChargePointVendor, request.ChargePointModel,
            request.ChargePointSerialNumber ?? request.ChargeBoxSerialNumber, request.FirmwareVersion,
            request.Iccid, request.Imsi, request.MeterType, request.MeterSerialNumber);
        await chargers.RecordBootAsync(context.ChargerId, identity, "1.6", context.ReceivedAt, cancellationToken);

        // The stored status is authoritative: an operator may have accepted the charger since it connected.
        var status = (await chargers.FindAsync(context.ChargerId, cancellationToken))?.Status ?? ChargerRegistrationStatus.Rejected;
        context.Connection.RegistrationStatus = status;
        ChargerSessionEvents.Booted(sessionObservers, context.ChargerId, OcppVersion.V16, status);
        var interval = status == ChargerRegistrationStatus.Accepted ? options.Value.HeartbeatIntervalSeconds : options.Value.PendingRetryIntervalSeconds;
        return new BootNotificationResponse(status.ToString(), context.ReceivedAt, interval);
    }
}
