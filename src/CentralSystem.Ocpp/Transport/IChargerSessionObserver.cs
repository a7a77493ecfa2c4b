using CentralSystem.Domain.Chargers;

namespace CentralSystem.Ocpp.Transport;

/// <summary>
/// Told when a charger connects and when it boots, so features can (re)apply charger-side state (e.g. the access mode
/// it missed while offline). Called on the connection's receive path: implementations must return at once — queue
/// the work, never call the charger from here (its BootNotification answer has not been sent yet) — and must not throw.
/// Zero or more may be registered.
/// </summary>
public interface IChargerSessionObserver
{
    void OnConnected(string chargerId, OcppVersion version);

    void OnBooted(string chargerId, OcppVersion version, ChargerRegistrationStatus status);

    /// <summary>The connection ended (closed, dropped, or superseded by a newer one for the same charger).</summary>
    void OnDisconnected(string chargerId, OcppVersion version)
    {
    }
}
