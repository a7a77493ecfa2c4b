using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Scheduling;

/// <summary>
/// A protocol-neutral charging schedule for one EVSE: consecutive periods in the unit the charger accepts, ready to be
/// turned into an OCPP ChargingSchedule (absolute, starting at <see cref="StartSchedule"/>).
/// </summary>
public sealed record ChargingScheduleResult(string EvseId, ChargingRateUnit Unit, DateTimeOffset StartSchedule, int DurationSeconds)
{
    public string? ChargerId { get; init; }

    public IReadOnlyList<SchedulePeriod> Periods { get; init; } = [];

    public double? EnergyNeededWh { get; init; }

    /// <summary>Energy the schedule delivers before departure (or the horizon end).</summary>
    public double EnergyPlannedWh { get; init; }

    public DateTimeOffset? DepartureAt { get; init; }

    /// <summary>Null without an energy need; otherwise whether the planned energy covers it.</summary>
    public bool? DeadlineMet { get; init; }
}
