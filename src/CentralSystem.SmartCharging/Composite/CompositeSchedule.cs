using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Composite;

public sealed record CompositeSchedule(int EvseId, DateTimeOffset ScheduleStart, int Duration, ChargingRateUnit Unit)
{
    public IReadOnlyList<CompositePeriod> Periods { get; init; } = [];

    /// <summary>Profiles whose maxOfflineDuration was exceeded with invalidAfterOfflineDuration set: the caller deletes them.</summary>
    public IReadOnlyList<int> InvalidatedProfileIds { get; init; } = [];
}
