namespace CentralSystem.SmartCharging.Topology;

/// <summary>A meter measuring the total flow through a node (EVs and non-EV load), used for breach detection.</summary>
public sealed record NodeMeter(string Id, string NodeId)
{
    public PhaseValues? CurrentA { get; init; }

    public double? PowerW { get; init; }

    public DateTimeOffset? MeasuredAt { get; init; }
}
