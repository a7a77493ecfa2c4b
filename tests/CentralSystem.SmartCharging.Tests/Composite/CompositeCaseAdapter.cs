using System.Globalization;
using System.Text.Json.Nodes;
using CentralSystem.SmartCharging.Composite;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Tests.Composite;

/// <summary>Maps the libocpp composite cases (verbatim OCPP 2.0.1 profiles) onto the protocol-neutral types.</summary>
internal static class CompositeCaseAdapter
{
    public static CompositeStation Station(JsonObject c)
    {
        var station = c["station"]!.AsObject();
        var config = station["config"]!.AsObject();
        return new CompositeStation((int)station["number_of_evses"]!)
        {
            Settings = new CompositeSettings
            {
                DefaultLimitA = (double)config["default_limit_A"]!,
                DefaultLimitW = (double)config["default_limit_W"]!,
                DefaultNumberPhases = (int)config["default_number_phases"]!,
                SupplyVoltageV = (double)config["supply_voltage_V"]!,
                SupplyPhases = (int?)config["supply_phases"] ?? 3,
            },
            Profiles = [.. c["installed_profiles"]!.AsArray().Select(p => Profile((int)p!["evse_id"]!, p["profile"]!.AsObject()))],
        };
    }

    public static CompositeScheduleRequest Request(JsonObject r)
    {
        var start = Time((string)r["start_time"]!);
        return new CompositeScheduleRequest((int)r["evse_id"]!, start, Time((string)r["end_time"]!), Unit((string)r["charging_rate_unit"]!))
        {
            SimulateTransaction = (bool)r["simulate_transaction_active"]!,
            OfflineFor = r["connection_offline_for_s"] is { } off ? TimeSpan.FromSeconds((double)off) : null,

            // "@now": the transaction was opened with the wall clock when the upstream test ran, years after the window.
            Transactions = [.. r["transactions_active_at_request"]!.AsArray().Select(t => new ActiveTransaction(
                (int)t!["evse_id"]!,
                (string)t["transaction_id"]!,
                (string)t["start"]! == "@now" ? start.AddYears(10) : Time((string)t["start"]!)))],
        };
    }

    private static ChargingProfile Profile(int evse, JsonObject p)
    {
        var schedule = p["chargingSchedule"]!.AsArray()[0]!.AsObject();
        return new ChargingProfile(
            (int)p["id"]!,
            evse,
            Enum.Parse<ChargingProfilePurpose>((string)p["chargingProfilePurpose"]!),
            Enum.Parse<ChargingProfileKind>((string)p["chargingProfileKind"]!),
            (int)p["stackLevel"]!)
        {
            Recurrency = p["recurrencyKind"] is { } rk ? Enum.Parse<RecurrencyKind>((string)rk!) : null,
            TransactionId = (string?)p["transactionId"],
            ValidFrom = OptionalTime(p["validFrom"]),
            ValidTo = OptionalTime(p["validTo"]),
            MaxOfflineDuration = (int?)p["maxOfflineDuration"],
            InvalidAfterOfflineDuration = (bool?)p["invalidAfterOfflineDuration"] ?? false,
            Unit = Unit((string)schedule["chargingRateUnit"]!),
            StartSchedule = OptionalTime(schedule["startSchedule"]),
            Duration = (int?)schedule["duration"],
            Periods = [.. schedule["chargingSchedulePeriod"]!.AsArray().Select(x => new ProfilePeriod((int)x!["startPeriod"]!, (double)x["limit"]!)
            {
                NumberPhases = (int?)x["numberPhases"],
                Setpoint = (double?)x["setpoint"],
            })],
        };
    }

    private static ChargingRateUnit Unit(string unit) => unit == "W" ? ChargingRateUnit.W : ChargingRateUnit.A;

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static DateTimeOffset? OptionalTime(JsonNode? node) => node is null ? null : Time((string)node!);
}
