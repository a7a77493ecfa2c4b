using System.Globalization;
using System.Text.Json;
using CentralSystem.SmartCharging.Composite;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Server.SmartCharging;

/// <summary>
/// Reads a SetChargingProfile request we sent (1.6 <c>csChargingProfiles</c> + connectorId, 2.0.1 <c>chargingProfile</c>
/// + evseId) back into the composite calculator's profile, so we can compute what the charger applies.
/// </summary>
public static class HeldProfileReader
{
    public static ChargingProfile? Read(string setChargingProfilePayload)
    {
        using var doc = JsonDocument.Parse(setChargingProfilePayload);
        var root = doc.RootElement;
        var v16 = root.TryGetProperty("csChargingProfiles", out var profile);
        if (!v16 && !root.TryGetProperty("chargingProfile", out profile))
        {
            return null;
        }

        var evseId = (v16 ? root.GetProperty("connectorId") : root.GetProperty("evseId")).GetInt32();
        var schedule = profile.GetProperty("chargingSchedule");
        if (schedule.ValueKind == JsonValueKind.Array)
        {
            schedule = schedule[0];
        }

        var purpose = profile.GetProperty("chargingProfilePurpose").GetString() switch
        {
            "ChargePointMaxProfile" or "ChargingStationMaxProfile" => ChargingProfilePurpose.ChargingStationMaxProfile,
            "TxDefaultProfile" => ChargingProfilePurpose.TxDefaultProfile,
            "TxProfile" => ChargingProfilePurpose.TxProfile,
            _ => ChargingProfilePurpose.ChargingStationExternalConstraints,
        };
        return new ChargingProfile(
            (v16 ? profile.GetProperty("chargingProfileId") : profile.GetProperty("id")).GetInt32(),
            evseId,
            purpose,
            Enum.Parse<ChargingProfileKind>(profile.GetProperty("chargingProfileKind").GetString()!),
            profile.GetProperty("stackLevel").GetInt32())
        {
            TransactionId = profile.TryGetProperty("transactionId", out var tx)
                ? tx.ValueKind == JsonValueKind.Number ? tx.GetInt64().ToString(CultureInfo.InvariantCulture) : tx.GetString()
                : null,
            ValidFrom = Time(profile, "validFrom"),
            ValidTo = Time(profile, "validTo"),
            Unit = schedule.GetProperty("chargingRateUnit").GetString() == "W" ? ChargingRateUnit.W : ChargingRateUnit.A,
            StartSchedule = Time(schedule, "startSchedule"),
            Duration = schedule.TryGetProperty("duration", out var duration) ? duration.GetInt32() : null,
            Periods = [.. schedule.GetProperty("chargingSchedulePeriod").EnumerateArray().Select(p => new ProfilePeriod(p.GetProperty("startPeriod").GetInt32(), p.GetProperty("limit").GetDouble())
            {
                NumberPhases = p.TryGetProperty("numberPhases", out var phases) ? phases.GetInt32() : null,
            })],
        };
    }

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetDateTimeOffset() : null;
}
