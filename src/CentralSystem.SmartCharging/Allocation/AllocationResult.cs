namespace CentralSystem.SmartCharging.Allocation;

public sealed record AllocationResult(string SiteId, DateTimeOffset At)
{
    public IReadOnlyList<EvseAllocation> Evses { get; init; } = [];

    public IReadOnlyList<ChargerAllocation> Chargers { get; init; } = [];

    public IReadOnlyList<NodeAllocation> Nodes { get; init; } = [];

    public IReadOnlyList<BreachEvent> Breaches { get; init; } = [];

    public EvseAllocation? Find(string evseId) => Evses.FirstOrDefault(e => e.EvseId == evseId);
}
