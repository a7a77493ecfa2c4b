using System.Text.Json;
using CentralSystem.SmartCharging.Scheduling;

namespace CentralSystem.SmartCharging.Cli;

internal static partial class AllocationJsonWriter
{
    public static void WriteSchedule(Utf8JsonWriter w, ScheduleResult schedule)
    {
        w.WriteStartObject("schedule");
        w.WriteString("start", Iso(schedule.Start));
        w.WriteString("horizon", SiteFormat.DurationParser.Format(schedule.Horizon));
        w.WriteString("interval", SiteFormat.DurationParser.Format(schedule.Interval));
        w.WriteNumber("intervals", schedule.SlotStarts.Count);
        w.WriteStartArray("evses");
        foreach (var e in schedule.Evses)
        {
            w.WriteStartObject();
            w.WriteString("evse", e.EvseId);
            WriteOptional(w, "charger", e.ChargerId);
            w.WriteString("chargingRateUnit", e.Unit.ToString());
            w.WriteString("startSchedule", Iso(e.StartSchedule));
            w.WriteNumber("duration", e.DurationSeconds);
            WriteOptional(w, "energyNeededWh", e.EnergyNeededWh);
            w.WriteNumber("energyPlannedWh", Round(e.EnergyPlannedWh));
            if (e.DepartureAt is { } dep)
            {
                w.WriteString("departureAt", Iso(dep));
            }

            if (e.DeadlineMet is { } met)
            {
                w.WriteBoolean("deadlineMet", met);
            }

            w.WriteStartArray("chargingSchedulePeriod");
            foreach (var p in e.Periods)
            {
                w.WriteStartObject();
                w.WriteNumber("startPeriod", p.StartPeriod);
                w.WriteNumber("limit", Round(p.Limit));
                if (p.NumberPhases is { } np)
                {
                    w.WriteNumber("numberPhases", np);
                }

                if (p.BoundBy is { } b)
                {
                    w.WritePropertyName("boundBy");
                    WriteEntry(w, b);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
