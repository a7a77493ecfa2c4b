using CentralSystem.SmartCharging.Allocation;

namespace CentralSystem.SmartCharging.Scheduling;

/// <summary>One period of an EVSE's forecast: from <see cref="StartPeriod"/> seconds after the schedule start until the next period.</summary>
public sealed record SchedulePeriod(int StartPeriod, double Limit)
{
    public int? NumberPhases { get; init; }

    /// <summary>What bound the value in this period (node, envelope, rating, tariff deferral, energy complete...).</summary>
    public LineageEntry? BoundBy { get; init; }
}
