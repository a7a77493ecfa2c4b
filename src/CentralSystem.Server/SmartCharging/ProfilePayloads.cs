using System.Globalization;
using System.Text.Json.Nodes;
using CentralSystem.Ocpp;

namespace CentralSystem.Server.SmartCharging;

/// <summary>Builds SetChargingProfile request payloads for OCPP 1.6 and 2.0.1 from a <see cref="ProfileSpec"/>.</summary>
public static class ProfilePayloads
{
    // Fixed ids per target, so a new limit replaces the profile the charger holds (1.6 §3.13.2 / 2.0.1 K01.FR.05)
    // instead of stacking up. High numbers keep clear of ids an operator uses through the raw-call API.
    public const int SafeTxDefaultId = 9_000_001;
    public const int SafeStationMaxId = 9_000_002;
    public const int StationMaxId = 9_000_003;
    public const int TxProfileBaseId = 9_001_000;

    public static int ProfileId(ProfileSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Purpose switch
        {
            DispatchPurpose.SafeTxDefault => SafeTxDefaultId,
            DispatchPurpose.SafeStationMax => SafeStationMaxId,
            DispatchPurpose.StationMax => StationMaxId,
            _ => TxProfileBaseId + spec.EvseId,
        };
    }

    // Safe defaults sit at stack level 0 with no validTo; dynamic profiles at 1 with a validTo, so when the central
    // system goes silent the dynamic one expires and the charger falls back to the safe one.
    public static int StackLevel(ProfileSpec spec) =>
        spec?.Purpose is DispatchPurpose.SafeTxDefault or DispatchPurpose.SafeStationMax ? 0 : 1;

    public static bool IsSafeDefault(ProfileSpec spec) => StackLevel(spec) == 0;

    public static string Build(OcppVersion version, ProfileSpec spec, DateTimeOffset now, DateTimeOffset? validTo) =>
        version == OcppVersion.V201 ? BuildV201(spec, now, validTo) : BuildV16(spec, now, validTo);

    public static string BuildV16(ProfileSpec spec, DateTimeOffset now, DateTimeOffset? validTo)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var profile = new JsonObject
        {
            ["chargingProfileId"] = ProfileId(spec),
            ["stackLevel"] = StackLevel(spec),
            ["chargingProfilePurpose"] = spec.Purpose switch
            {
                DispatchPurpose.TxProfile => "TxProfile",
                DispatchPurpose.SafeTxDefault => "TxDefaultProfile",
                _ => "ChargePointMaxProfile",
            },
            ["chargingProfileKind"] = "Absolute",
        };
        if (spec.Purpose == DispatchPurpose.TxProfile && spec.TransactionId is { } tx)
        {
            // 1.6 transaction ids are the integers this central system assigned.
            profile["transactionId"] = int.Parse(tx, CultureInfo.InvariantCulture);
        }

        if (validTo is { } to)
        {
            profile["validTo"] = Instant(to);
        }

        profile["chargingSchedule"] = Schedule(spec, now, null);
        return new JsonObject
        {
            // 1.6: ChargePointMaxProfile and TxDefault for every connector go on connector 0.
            ["connectorId"] = spec.Purpose == DispatchPurpose.TxProfile ? spec.EvseId : 0,
            ["csChargingProfiles"] = profile,
        }.ToJsonString();
    }

    public static string BuildV201(ProfileSpec spec, DateTimeOffset now, DateTimeOffset? validTo)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var id = ProfileId(spec);
        var profile = new JsonObject
        {
            ["id"] = id,
            ["stackLevel"] = StackLevel(spec),
            ["chargingProfilePurpose"] = spec.Purpose switch
            {
                DispatchPurpose.TxProfile => "TxProfile",
                DispatchPurpose.SafeTxDefault => "TxDefaultProfile",
                _ => "ChargingStationMaxProfile",
            },
            ["chargingProfileKind"] = "Absolute",
        };
        if (validTo is { } to)
        {
            profile["validTo"] = Instant(to);
        }

        if (spec.Purpose == DispatchPurpose.TxProfile)
        {
            // K01.FR.03: a TxProfile must name the transaction.
            profile["transactionId"] = spec.TransactionId;
        }

        profile["chargingSchedule"] = new JsonArray(Schedule(spec, now, id));
        return new JsonObject
        {
            // Station max and a TxDefault for the whole station go on EVSE 0 (2.0.1 K01 use case).
            ["evseId"] = spec.Purpose == DispatchPurpose.TxProfile ? spec.EvseId : 0,
            ["chargingProfile"] = profile,
        }.ToJsonString();
    }

    private static JsonObject Schedule(ProfileSpec spec, DateTimeOffset now, int? id)
    {
        var period = new JsonObject { ["startPeriod"] = 0, ["limit"] = Math.Round((decimal)spec.Limit, 1) };
        if (spec.NumberPhases is { } phases && spec.Unit == CentralSystem.SmartCharging.Topology.ChargingRateUnit.A)
        {
            period["numberPhases"] = phases;
        }

        var schedule = new JsonObject();
        if (id is { } scheduleId)
        {
            schedule["id"] = scheduleId;
        }

        schedule["startSchedule"] = Instant(now);
        schedule["chargingRateUnit"] = spec.Unit.ToString();
        schedule["chargingSchedulePeriod"] = new JsonArray(period);
        return schedule;
    }

    private static string Instant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
