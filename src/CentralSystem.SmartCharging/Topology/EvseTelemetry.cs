namespace CentralSystem.SmartCharging.Topology;

/// <summary>Latest measurement from the EVSE and what it was last told, used for freshness checks and fallback demand.</summary>
public sealed record EvseTelemetry
{
    public DateTimeOffset? MeasuredAt { get; init; }

    public PhaseValues? CurrentA { get; init; }

    public double? PowerW { get; init; }

    /// <summary>The limit the EVSE was last given (A per phase for AC); used as fallback demand when telemetry is stale.</summary>
    public double? LastAllocatedCurrentA { get; init; }

    /// <summary>The limit the EVSE was last given in watts (DC); used as fallback demand when telemetry is stale.</summary>
    public double? LastAllocatedPowerW { get; init; }
}
