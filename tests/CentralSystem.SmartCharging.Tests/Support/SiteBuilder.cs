using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Tests.Support;

/// <summary>Object mother for sites: a root plus whatever each test needs, with readable defaults.</summary>
internal sealed class SiteBuilder
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private readonly List<GridNode> _nodes = [];
    private readonly List<Evse> _evses = [];
    private readonly List<SiteLoad> _loads = [];
    private readonly List<NodeMeter> _meters = [];
    private readonly List<OperatingEnvelope> _envelopes = [];
    private readonly List<TariffPeriod> _tariff = [];
    private SiteSettings _settings = new();

    public SiteBuilder(double? rootA = null, double? rootW = null, string rootId = "site")
    {
        _nodes.Add(new GridNode(rootId, null, NodeKind.Site) { Import = new ElectricalLimit(rootA, rootW) });
    }

    public static EvseSession Charging(double? maxA = null, int priority = 0, double weight = 1) =>
        new() { MaxCurrentA = maxA, Priority = priority, Weight = weight };

    public SiteBuilder Node(string id, string parent, double? amps = null, double? watts = null, NodeKind kind = NodeKind.Circuit, Func<GridNode, GridNode>? with = null)
    {
        var node = new GridNode(id, parent, kind) { Import = new ElectricalLimit(amps, watts) };
        _nodes.Add(with is null ? node : with(node));
        return this;
    }

    public SiteBuilder Charger(string id, string parent, double? amps = null, double? watts = null, Func<GridNode, GridNode>? with = null) =>
        Node(id, parent, amps, watts, NodeKind.Charger, with);

    public SiteBuilder Evse(string id, string parent, double maxA = 32, double minA = 6, int phases = 3, EvseSession? session = null, bool idle = false, Func<Evse, Evse>? with = null)
    {
        var evse = new Evse(id, parent)
        {
            MaxCurrentA = maxA,
            MinCurrentA = minA,
            Phases = phases,
            Session = idle ? null : session ?? Charging(),
        };
        _evses.Add(with is null ? evse : with(evse));
        return this;
    }

    public SiteBuilder DcEvse(string id, string parent, double maxW, double minW = 0, double? efficiency = null, EvseSession? session = null, Func<Evse, Evse>? with = null)
    {
        var evse = new Evse(id, parent)
        {
            Supply = SupplyType.DC,
            MaxPowerW = maxW,
            MinPowerW = minW,
            Efficiency = efficiency,
            Session = session ?? Charging(),
        };
        _evses.Add(with is null ? evse : with(evse));
        return this;
    }

    public SiteBuilder Load(string id, string node, Func<SiteLoad, SiteLoad> with)
    {
        _loads.Add(with(new SiteLoad(id, node)));
        return this;
    }

    public SiteBuilder Meter(string id, string node, Func<NodeMeter, NodeMeter> with)
    {
        _meters.Add(with(new NodeMeter(id, node)));
        return this;
    }

    public SiteBuilder Envelope(OperatingEnvelope envelope)
    {
        _envelopes.Add(envelope);
        return this;
    }

    public SiteBuilder Tariff(DateTimeOffset from, DateTimeOffset to, double price, double carbon = 0)
    {
        _tariff.Add(new TariffPeriod(from, to) { PricePerKwh = price, CarbonGPerKwh = carbon });
        return this;
    }

    public SiteBuilder Settings(Func<SiteSettings, SiteSettings> with)
    {
        _settings = with(_settings);
        return this;
    }

    public SiteModel Build() => new()
    {
        Id = "test-site",
        Settings = _settings,
        Nodes = [.. _nodes],
        Evses = [.. _evses],
        SiteLoads = [.. _loads],
        Meters = [.. _meters],
        Envelopes = [.. _envelopes],
        Tariff = [.. _tariff],
        At = T0,
    };
}
