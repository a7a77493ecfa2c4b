using System.Text.Json;
using CentralSystem.Ocpp;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Server.SmartCharging;

/// <summary>
/// Which charging-rate unit a charger accepts in its schedules: 1.6 configuration key
/// <c>ChargingScheduleAllowedChargingRateUnit</c> ("Current", "Power" or both, §9.4 of the 1.6 Smart Charging profile)
/// and 2.0.1 <c>SmartChargingCtrlr.RateUnit</c> ("A", "W" or both). Only a single supported unit constrains us.
/// </summary>
public static class RateUnitCapability
{
    public const string V16Key = "ChargingScheduleAllowedChargingRateUnit";

    public static (string Action, string Payload) Request(OcppVersion version) => version == OcppVersion.V16
        ? ("GetConfiguration", $$"""{"key":["{{V16Key}}"]}""")
        : ("GetVariables", """{"getVariableData":[{"component":{"name":"SmartChargingCtrlr"},"variable":{"name":"RateUnit"}}]}""");

    /// <summary>The one unit the charger accepts, or null when it accepts both, did not say, or answered something else.</summary>
    public static ChargingRateUnit? Parse(OcppVersion version, ReadOnlySpan<byte> payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload.ToArray());
            var value = version == OcppVersion.V16 ? V16Value(doc.RootElement) : V201Value(doc.RootElement);
            if (value is null)
            {
                return null;
            }

            var units = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var current = units.Any(u => u is "Current" or "A");
            var power = units.Any(u => u is "Power" or "W");
            return current == power ? null : current ? ChargingRateUnit.A : ChargingRateUnit.W;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? V16Value(JsonElement root)
    {
        if (!root.TryGetProperty("configurationKey", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.TryGetProperty("key", out var name) && name.GetString() == V16Key && key.TryGetProperty("value", out var value))
            {
                return value.GetString();
            }
        }

        return null;
    }

    private static string? V201Value(JsonElement root)
    {
        if (!root.TryGetProperty("getVariableResult", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var result in results.EnumerateArray())
        {
            if (result.TryGetProperty("attributeStatus", out var status) && status.GetString() == "Accepted"
                && result.TryGetProperty("attributeValue", out var value))
            {
                return value.GetString();
            }
        }

        return null;
    }
}
