using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Server.SmartCharging;

public sealed partial class SmartChargingDispatcher
{
    /// <summary>The current allocation of a site with live sessions and telemetry (operator API); null for an unknown site.</summary>
    public AllocationResult? Allocate(string siteId)
    {
        lock (_gate)
        {
            return _sites.TryGetValue(siteId, out var entry) ? SmartChargingCalculator.Allocate(LiveModelLocked(entry), _time.GetUtcNow()) : null;
        }
    }

    private void RunPass(DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var (chargerId, due) in _bootsDue.Where(b => b.Value <= now).ToList())
            {
                _bootsDue.Remove(chargerId);
                BootedLocked(chargerId, now);
            }

            foreach (var siteId in _dirty)
            {
                if (_sites.TryGetValue(siteId, out var entry))
                {
                    RecalculateLocked(entry, now);
                }
            }

            _dirty.Clear();

            // Refresh dynamic profiles well before their validTo, so a charger only falls back when we are really gone.
            var refreshBefore = TimeSpan.FromMinutes(_options.ProfileValidityMinutes / 3.0);
            foreach (var t in _targets.Values)
            {
                if (t.Status == "Accepted" && t.DueAt is null && t.ValidTo is { } validTo && validTo - now < refreshBefore)
                {
                    t.DueAt = now;
                }
            }
        }
    }

    private void BootedLocked(string chargerId, DateTimeOffset now)
    {
        if (!_chargerSites.TryGetValue(chargerId, out var siteId) || !_sites.TryGetValue(siteId, out var entry)
            || entry.Binding.Chargers.FirstOrDefault(c => c.ChargePointId == chargerId) is not { } charger)
        {
            return;
        }

        // A rebooted charger may have lost every profile: send the safe default first, then everything it should hold.
        foreach (var t in TargetsOfLocked(chargerId))
        {
            t.Sent = null;
            t.DueAt = t.Desired is null ? null : now;
        }

        // A charger that told us it only takes one unit gets its safe default in that unit (unless the site fixes one).
        var probed = _rateUnits.TryGetValue(chargerId, out var unit) && entry.Model.Nodes.FirstOrDefault(n => n.Id == charger.NodeId)?.RateUnit is null
            ? charger with { Unit = unit }
            : charger;
        _probesDue.Add(chargerId);
        var safe = probed.SafeProfile(_options.DefaultSafeCurrentA);
        var target = GetTargetLocked(new TargetKey(chargerId, 0, safe.Purpose), siteId);
        target.Desired = safe;
        target.Attempts = 0;
        target.DueAt = now;
        _dirty.Add(siteId);
        LogSafeDefaultQueued(chargerId, safe);
    }

    private void RecalculateLocked(SiteEntry entry, DateTimeOffset now)
    {
        AllocationResult result;
        try
        {
            result = SmartChargingCalculator.Allocate(LiveModelLocked(entry), now);
        }
        catch (SiteValidationException ex)
        {
            LogSiteInvalid(entry.Model.Id, ex.Message);
            return;
        }

        var siteId = entry.Model.Id;
        foreach (var observer in _allocationObservers)
        {
            observer.OnAllocated(siteId, result);
        }

        foreach (var charger in entry.Binding.Chargers)
        {
            if (charger.Strategy == DispatchStrategy.Charger)
            {
                if (result.Chargers.FirstOrDefault(c => c.ChargerId == charger.NodeId) is { } total)
                {
                    var unit = total.Limit.Unit;
                    UpdateTargetLocked(siteId, charger.ChargePointId, new ProfileSpec(DispatchPurpose.StationMax, 0, unit, ProfileSpec.RoundLimit(unit, Math.Max(0, total.Limit.Limit)),
                        unit == ChargingRateUnit.A ? total.Limit.NumberPhases : null), now);
                }

                continue;
            }

            foreach (var evse in charger.Evses)
            {
                // TxProfile only exists with a transaction (K01.FR.03 / 1.6 §3.13.2); idle EVSEs run on the safe TxDefault.
                if (!_sessions.TryGetValue((charger.ChargePointId, evse.OcppEvseId), out var session) || result.Find(evse.EvseId) is not { } a)
                {
                    continue;
                }

                var unit = a.Limit.Unit;
                UpdateTargetLocked(siteId, charger.ChargePointId, new ProfileSpec(DispatchPurpose.TxProfile, evse.OcppEvseId, unit, ProfileSpec.RoundLimit(unit, Math.Max(0, a.Limit.Limit)),
                    unit == ChargingRateUnit.A ? a.Limit.NumberPhases : null)
                {
                    TransactionId = session.TransactionId,
                }, now);
            }
        }
    }

    private void UpdateTargetLocked(string siteId, string chargerId, ProfileSpec spec, DateTimeOffset now)
    {
        var target = GetTargetLocked(new TargetKey(chargerId, spec.EvseId, spec.Purpose), siteId);
        if (DispatchDiff.ShouldSend(target.Desired, spec, _options.HysteresisA, _options.HysteresisW))
        {
            target.Desired = spec;
            target.Attempts = 0;
            target.DueAt = now;
        }
    }

    private TargetState GetTargetLocked(TargetKey key, string siteId)
    {
        if (!_targets.TryGetValue(key, out var target))
        {
            target = new TargetState(key, siteId);
            _targets[key] = target;
            if (!_chargerTargets.TryGetValue(key.ChargerId, out var list))
            {
                list = [];
                _chargerTargets[key.ChargerId] = list;
            }

            list.Add(target);
        }

        target.SiteId = siteId;
        return target;
    }

    /// <summary>The stored site with live sessions and telemetry in place of whatever the document says.</summary>
    private SiteModel LiveModelLocked(SiteEntry entry)
    {
        var bindings = entry.Binding.Chargers
            .SelectMany(c => c.Evses.Select(e => (e.EvseId, Key: (c.ChargePointId, e.OcppEvseId))))
            .ToDictionary(x => x.EvseId, x => x.Key, StringComparer.Ordinal);
        var evses = entry.Model.Evses.Select(e =>
        {
            if (!bindings.TryGetValue(e.Id, out var key))
            {
                return e;
            }

            var session = _sessions.TryGetValue(key, out var s) ? (e.Session ?? new EvseSession()) with { StartedAt = s.StartedAt } : null;
            var last = _targets.TryGetValue(new TargetKey(key.ChargePointId, key.OcppEvseId, DispatchPurpose.TxProfile), out var t) ? t.Desired : null;
            var telemetry = _telemetry.TryGetValue(key, out var m)
                ? new EvseTelemetry
                {
                    MeasuredAt = m.MeasuredAt,
                    CurrentA = m.CurrentA,
                    PowerW = m.PowerW,
                    LastAllocatedCurrentA = last?.Unit == ChargingRateUnit.A ? last.Limit : null,
                    LastAllocatedPowerW = last?.Unit == ChargingRateUnit.W ? last.Limit : null,
                }
                : null;
            return e with { Session = session, Telemetry = telemetry };
        }).ToList();
        var external = ExternalEnvelopesLocked(entry.Model.Id);
        var live = external.Count == 0
            ? entry.Model with { Evses = evses }
            : entry.Model with { Evses = evses, Envelopes = [.. entry.Model.Envelopes, .. external.Where(e => entry.Model.Nodes.Any(n => n.Id == e.NodeId))] };
        return WithProbedRateUnitsLocked(live, entry.Binding);
    }
}
