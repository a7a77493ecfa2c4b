using CentralSystem.Domain.Chargers;
using CentralSystem.Ocpp.Transport;
using Microsoft.Extensions.Options;

namespace CentralSystem.Ocpp.Pipeline;

/// <summary>What a BootNotification means whatever the version; the V16/V201 handlers only map their message shapes.</summary>
public sealed class ChargerBootService(IChargerRepository chargers, IOptions<OcppOptions> options, IEnumerable<IChargerSessionObserver> sessionObservers)
{
    public async Task<(ChargerRegistrationStatus Status, int IntervalSeconds)> BootAsync(OcppCallContext context, ChargerIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var version = context.Version == OcppVersion.V201 ? "2.0.1" : "1.6";
        await chargers.RecordBootAsync(context.ChargerId, identity, version, context.ReceivedAt, cancellationToken);

        // The stored status is authoritative: an operator may have accepted the charger since it connected.
        var status = (await chargers.FindAsync(context.ChargerId, cancellationToken))?.Status ?? ChargerRegistrationStatus.Rejected;
        context.Connection.RegistrationStatus = status;
        ChargerSessionEvents.Booted(sessionObservers, context.ChargerId, context.Version, status);

        // B01.FR.01 / B02.FR.01 (and 1.6 §4.2): the heartbeat interval when Accepted, the retry delay otherwise.
        var interval = status == ChargerRegistrationStatus.Accepted ? options.Value.HeartbeatIntervalSeconds : options.Value.PendingRetryIntervalSeconds;
        return (status, interval);
    }
}
