using System.Globalization;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Server.SmartCharging;

/// <summary>How a site's charger nodes and EVSEs map to OCPP identities (charge point id, EVSE/connector id).</summary>
public sealed class SiteBinding
{
    private SiteBinding(IReadOnlyList<ChargerBinding> chargers) => Chargers = chargers;

    public IReadOnlyList<ChargerBinding> Chargers { get; }

    public static SiteBinding Build(SiteModel site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var chargers = new List<ChargerBinding>();
        foreach (var node in site.Nodes.Where(n => n.Kind == NodeKind.Charger))
        {
            var evses = site.Evses.Where(e => e.ParentId == node.Id)
                .Select(e => new EvseBinding(e.Id, e.OcppEvseId ?? DefaultEvseId(e.Id)))
                .ToList();
            var unit = node.RateUnit ?? (node.Supply == SupplyType.DC ? ChargingRateUnit.W : ChargingRateUnit.A);
            chargers.Add(new ChargerBinding(node.Id, node.ChargePointId ?? node.Id, node.Strategy ?? DispatchStrategy.Connector, unit, evses)
            {
                SafeImport = node.SafeImport,
                Phases = site.Evses.Where(e => e.ParentId == node.Id).Select(e => e.Phases).DefaultIfEmpty(3).Max(),
                NominalVoltageV = site.Settings.NominalVoltageV,
            });
        }

        return new SiteBinding(chargers);
    }

    /// <summary>"ac-1/2" → 2; an id without a trailing number → 1 (the only EVSE of a single-outlet charger).</summary>
    public static int DefaultEvseId(string evseId)
    {
        ArgumentNullException.ThrowIfNull(evseId);
        var slash = evseId.LastIndexOf('/');
        return slash >= 0 && int.TryParse(evseId.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
    }
}
