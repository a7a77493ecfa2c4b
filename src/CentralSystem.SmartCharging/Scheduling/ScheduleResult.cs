namespace CentralSystem.SmartCharging.Scheduling;

public sealed record ScheduleResult(string SiteId, DateTimeOffset Start, TimeSpan Horizon, TimeSpan Interval)
{
    /// <summary>Start of every interval; the first is the calculation instant, later ones are aligned to the interval.</summary>
    public IReadOnlyList<DateTimeOffset> SlotStarts { get; init; } = [];

    public IReadOnlyList<ChargingScheduleResult> Evses { get; init; } = [];

    public ChargingScheduleResult? Find(string evseId) => Evses.FirstOrDefault(e => e.EvseId == evseId);
}
