using System.Collections.Concurrent;

namespace CentralSystem.Server.Dashboard;

/// <summary>
/// The latest meter reading per charger and EVSE/connector since this process started, for the dashboard snapshot
/// (the database keeps energy registers, not instantaneous power).
/// </summary>
public sealed class LiveChargerState
{
    private readonly ConcurrentDictionary<(string ChargerId, int EvseId, int ConnectorId), (DateTimeOffset At, MeterReading Reading)> _meters = new();

    public void Record(string chargerId, int? evseId, int? connectorId, DateTimeOffset at, MeterReading reading) =>
        _meters[(chargerId, evseId ?? 0, connectorId ?? 0)] = (at, reading);

    public void Forget(string chargerId, int? evseId, int? connectorId) =>
        _meters.TryRemove((chargerId, evseId ?? 0, connectorId ?? 0), out _);

    public (DateTimeOffset At, MeterReading Reading)? Find(string chargerId, int? evseId, int? connectorId)
    {
        if (_meters.TryGetValue((chargerId, evseId ?? 0, connectorId ?? 0), out var exact))
        {
            return exact;
        }

        // 1.6 reports meter values per connector and 2.0.1 per EVSE: accept either key.
        foreach (var ((charger, evse, connector), value) in _meters)
        {
            if (charger == chargerId && (evse == (evseId ?? -1) || connector == (connectorId ?? -1)))
            {
                return value;
            }
        }

        return null;
    }
}
