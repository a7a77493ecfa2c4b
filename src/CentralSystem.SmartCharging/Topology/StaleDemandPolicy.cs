namespace CentralSystem.SmartCharging.Topology;

/// <summary>What an EVSE with stale telemetry is assumed to draw (its capacity is reserved, never released).</summary>
public enum StaleDemandPolicy
{
    /// <summary>The limit it was last given (falls back to its rating if unknown).</summary>
    LastAllocation,

    /// <summary>Its full rating.</summary>
    Rating,
}
