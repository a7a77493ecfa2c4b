using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Tests.Allocation;

/// <summary>One row of a table-driven allocation test: a site, the expected value per EVSE and, optionally, what bound it.</summary>
public sealed record AllocationCase(string Name, Func<SiteModel> Site, (string Evse, double Value)[] Expected)
{
    /// <summary>Expected first lineage entry: kind and node (null node = do not check).</summary>
    public (string Evse, LimitKind Kind, string? Node)[] Binding { get; init; } = [];

    /// <summary>Expected value is watts (DC) instead of amps.</summary>
    public bool Watts { get; init; }

    public DateTimeOffset At { get; init; } = Support.SiteBuilder.T0;

    public override string ToString() => Name;
}
