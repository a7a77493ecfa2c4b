using CentralSystem.Ocpp.Transport;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Server.SmartCharging;

public sealed partial class SmartChargingDispatcher
{
    // The one rate unit a charger accepts (asked after each boot); absent when it accepts both or did not say.
    private readonly Dictionary<string, ChargingRateUnit> _rateUnits = new(StringComparer.Ordinal);
    private readonly HashSet<string> _probesDue = new(StringComparer.Ordinal);

    /// <summary>The unit the charger told us it accepts, when it accepts only one (operator view, tests).</summary>
    public ChargingRateUnit? AcceptedRateUnit(string chargerId)
    {
        lock (_gate)
        {
            return _rateUnits.TryGetValue(chargerId, out var unit) ? unit : null;
        }
    }

    private void StartDueProbes(CancellationToken cancellationToken)
    {
        List<string> due;
        lock (_gate)
        {
            if (_probesDue.Count == 0)
            {
                return;
            }

            due = [.. _probesDue];
            _probesDue.Clear();
        }

        foreach (var chargerId in due)
        {
            _ = ProbeRateUnitAsync(chargerId, cancellationToken);
        }
    }

    /// <summary>
    /// Asks a booted charger which rate unit it accepts, so profiles go out in that unit where the site document does
    /// not fix one (an AC charger that only takes W gets watts). Failures leave the site's default in place.
    /// </summary>
    private async Task ProbeRateUnitAsync(string chargerId, CancellationToken cancellationToken)
    {
        if (!_connections.TryGet(chargerId, out var connection))
        {
            return;
        }

        try
        {
            var (action, payload) = RateUnitCapability.Request(connection.Version);
            var result = await _commands.CallAsync(chargerId, action, payload, cancellationToken);
            var unit = result.Status == OutboundCallStatus.Result ? RateUnitCapability.Parse(connection.Version, result.Payload.Span) : null;
            bool changed;
            lock (_gate)
            {
                changed = unit is { } u ? !_rateUnits.TryGetValue(chargerId, out var old) || old != u : _rateUnits.Remove(chargerId);
                if (unit is { } known)
                {
                    _rateUnits[chargerId] = known;
                }

                if (changed && _chargerSites.ContainsKey(chargerId))
                {
                    // Everything it holds (the safe default too) goes out again in the unit it takes.
                    _bootsDue[chargerId] = _time.GetUtcNow();
                }
            }

            LogRateUnit(chargerId, unit);
            if (changed)
            {
                Signal();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRateUnitProbeFailed(ex, chargerId);
        }
    }

    /// <summary>Applies probed units to the chargers (and their EVSEs) whose site document leaves the unit open.</summary>
    private SiteModel WithProbedRateUnitsLocked(SiteModel model, SiteBinding binding)
    {
        // Most chargers accept both units: then nothing is rebuilt on the recalculation path.
        if (_rateUnits.Count == 0 || !binding.Chargers.Any(c => _rateUnits.ContainsKey(c.ChargePointId)))
        {
            return model;
        }

        var chargerOfNode = binding.Chargers.ToDictionary(c => c.NodeId, c => c.ChargePointId, StringComparer.Ordinal);

        ChargingRateUnit? UnitOf(string nodeId) =>
            chargerOfNode.TryGetValue(nodeId, out var chargePointId) && _rateUnits.TryGetValue(chargePointId, out var unit) ? unit : null;

        return model with
        {
            Nodes = [.. model.Nodes.Select(n => n.RateUnit is null && UnitOf(n.Id) is { } unit ? n with { RateUnit = unit } : n)],
            Evses = [.. model.Evses.Select(e => e.RateUnit is null && UnitOf(e.ParentId) is { } unit ? e with { RateUnit = unit } : e)],
        };
    }
}
