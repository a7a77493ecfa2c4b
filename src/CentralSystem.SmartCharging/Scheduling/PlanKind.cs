namespace CentralSystem.SmartCharging.Scheduling;

internal enum PlanKind : byte
{
    /// <summary>Not charging in the schedule (idle, stale, discharging).</summary>
    None,

    /// <summary>No energy need: takes whatever it can in every interval.</summary>
    Open,

    /// <summary>Energy need covered by chosen intervals.</summary>
    Planned,

    /// <summary>Energy need not coverable at the fair share: takes every interval and anything freed.</summary>
    Deficit,
}
