using CentralSystem.Domain.Chargers;

namespace CentralSystem.Ocpp.Transport;

/// <summary>Raises observer callbacks; an observer's fault is swallowed so it can never break a connection or a handler.</summary>
public static class ChargerSessionEvents
{
    public static void Connected(IEnumerable<IChargerSessionObserver> observers, string chargerId, OcppVersion version)
    {
        ArgumentNullException.ThrowIfNull(observers);
        foreach (var observer in observers)
        {
            try
            {
                observer.OnConnected(chargerId, version);
            }
#pragma warning disable CA1031 // The contract says observers must not throw; one that does must not take the connection down.
            catch (Exception)
#pragma warning restore CA1031
            {
                // Deliberately ignored (see the interface contract).
            }
        }
    }

    public static void Booted(IEnumerable<IChargerSessionObserver> observers, string chargerId, OcppVersion version, ChargerRegistrationStatus status)
    {
        ArgumentNullException.ThrowIfNull(observers);
        foreach (var observer in observers)
        {
            try
            {
                observer.OnBooted(chargerId, version, status);
            }
#pragma warning disable CA1031 // As above.
            catch (Exception)
#pragma warning restore CA1031
            {
                // Deliberately ignored (see the interface contract).
            }
        }
    }

    public static void Disconnected(IEnumerable<IChargerSessionObserver> observers, string chargerId, OcppVersion version)
    {
        ArgumentNullException.ThrowIfNull(observers);
        foreach (var observer in observers)
        {
            try
            {
                observer.OnDisconnected(chargerId, version);
            }
#pragma warning disable CA1031 // As above.
            catch (Exception)
#pragma warning restore CA1031
            {
                // Deliberately ignored (see the interface contract).
            }
        }
    }
}
