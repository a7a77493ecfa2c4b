using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Server.SmartCharging;

public sealed partial class SmartChargingDispatcher
{
    // Envelopes from outside the site document (OSCP groups), by site and then by source, merged into the live model.
    private readonly Dictionary<string, Dictionary<string, IReadOnlyList<OperatingEnvelope>>> _externalEnvelopes = new(StringComparer.Ordinal);

    /// <summary>
    /// Replaces the envelopes one source (e.g. an OSCP group) puts on a site and recalculates it at once. An empty list
    /// removes the source. Envelopes for an unknown site are kept and apply when the site is defined.
    /// </summary>
    public void SetExternalEnvelopes(string siteId, string sourceKey, IReadOnlyList<OperatingEnvelope> envelopes)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        lock (_gate)
        {
            if (!_externalEnvelopes.TryGetValue(siteId, out var bySource))
            {
                bySource = new(StringComparer.Ordinal);
                _externalEnvelopes[siteId] = bySource;
            }

            if (envelopes.Count == 0)
            {
                bySource.Remove(sourceKey);
            }
            else
            {
                bySource[sourceKey] = envelopes;
            }

            _dirty.Add(siteId);
        }

        Signal();
    }

    /// <summary>Asks for a recalculation of the site soon (an envelope edge passed, a provider went silent).</summary>
    public void Recalculate(string siteId)
    {
        lock (_gate)
        {
            _dirty.Add(siteId);
        }

        Signal();
    }

    /// <summary>
    /// Measured import below a node: the latest EVSE power readings plus measured site loads (W). Null for an unknown
    /// site or node. Used for OSCP group measurements and compliance (measured vs allowed); reads the telemetry
    /// directly rather than building the live model the calculator needs.
    /// </summary>
    public double? MeasuredPowerW(string siteId, string nodeId)
    {
        lock (_gate)
        {
            if (!_sites.TryGetValue(siteId, out var entry) || entry.Model.Nodes.All(n => n.Id != nodeId))
            {
                return null;
            }

            var model = entry.Model;
            var parents = model.Nodes.ToDictionary(n => n.Id, n => n.ParentId, StringComparer.Ordinal);
            bool Below(string? id)
            {
                // Bounded walk: a site that passed validation has no cycle, but never trust that in a loop.
                for (var hops = 0; id is not null && hops <= parents.Count; hops++)
                {
                    if (id == nodeId)
                    {
                        return true;
                    }

                    id = parents.GetValueOrDefault(id);
                }

                return false;
            }

            var evseParents = model.Evses.ToDictionary(e => e.Id, e => e.ParentId, StringComparer.Ordinal);
            var evsePower = 0.0;
            foreach (var charger in entry.Binding.Chargers)
            {
                foreach (var evse in charger.Evses)
                {
                    if (_telemetry.TryGetValue((charger.ChargePointId, evse.OcppEvseId), out var telemetry)
                        && evseParents.TryGetValue(evse.EvseId, out var parent) && Below(parent))
                    {
                        evsePower += telemetry.PowerW ?? 0;
                    }
                }
            }

            return evsePower + model.SiteLoads.Where(l => Below(l.NodeId)).Sum(l => l.MeasuredPowerW ?? 0);
        }
    }

    /// <summary>Transactions the dispatcher knows to be running on a charger (EVSE id, transaction id, start).</summary>
    public IReadOnlyList<(int EvseId, string TransactionId, DateTimeOffset StartedAt)> RunningTransactions(string chargerId)
    {
        lock (_gate)
        {
            return [.. _sessions.Where(s => s.Key.ChargerId == chargerId).Select(s => (s.Key.EvseId, s.Value.TransactionId, s.Value.StartedAt))];
        }
    }

    private IReadOnlyList<OperatingEnvelope> ExternalEnvelopesLocked(string siteId) =>
        _externalEnvelopes.TryGetValue(siteId, out var bySource) && bySource.Count > 0
            ? [.. bySource.Values.SelectMany(e => e)]
            : [];
}
