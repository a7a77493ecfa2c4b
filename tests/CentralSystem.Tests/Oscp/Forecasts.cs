using CentralSystem.Oscp.Messages;

namespace CentralSystem.Tests.Oscp;

/// <summary>Builders for forecasts at fixed instants on 2026-03-01 UTC.</summary>
internal static class Forecasts
{
    public static readonly DateTimeOffset Day = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double hours) => Day.AddHours(hours);

    public static ForecastedBlock Block(double fromHour, double toHour, double capacity, CapacityUnit unit = CapacityUnit.KW, PhaseIndicator phase = PhaseIndicator.All) =>
        new(capacity, phase, unit, At(fromHour), At(toHour));

    public static GroupCapacityForecastMessage Message(CapacityForecastType type, params ForecastedBlock[] blocks) =>
        new("site-42", type, blocks);

    public static GroupCapacityForecastMessage Consumption(params ForecastedBlock[] blocks) => Message(CapacityForecastType.Consumption, blocks);
}
