namespace CentralSystem.SmartCharging.Topology;

/// <summary>
/// The whole input of a calculation: the electrical tree (<see cref="Nodes"/> with <see cref="Evses"/> as leaves),
/// non-EV load, meters, operating envelopes, tariffs and settings. Built by <c>SiteJson.Parse</c> or by code; use
/// <see cref="SiteValidator"/> before calculating if it was built by hand.
/// </summary>
public sealed record SiteModel
{
    public string Id { get; init; } = "site";

    public SiteSettings Settings { get; init; } = new();

    public IReadOnlyList<GridNode> Nodes { get; init; } = [];

    public IReadOnlyList<Evse> Evses { get; init; } = [];

    public IReadOnlyList<SiteLoad> SiteLoads { get; init; } = [];

    public IReadOnlyList<NodeMeter> Meters { get; init; } = [];

    public IReadOnlyList<OperatingEnvelope> Envelopes { get; init; } = [];

    public IReadOnlyList<TariffPeriod> Tariff { get; init; } = [];

    /// <summary>Default calculation instant (the site file's <c>at</c>); the calculator never reads a clock.</summary>
    public DateTimeOffset? At { get; init; }
}
