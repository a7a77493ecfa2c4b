using System.Text.Json.Nodes;

namespace CentralSystem.SmartCharging.Tests.Replay;

/// <summary>
/// Turns an EVerest EnergyManager scenario (the compact tree of the shared data) into our site JSON format, so the
/// replay goes through the same parser and validator operators use.
/// </summary>
/// <remarks>
/// Mapping: Generic node → circuit with import/export limits = min(root side, leaves side / efficiency); a schedule
/// with several entries and setpoints become an operating envelope on the node (EVerest's "first entry also covers
/// earlier times" rule is kept by starting the first block a day early). Evse node → EVSE: root-side amps = EVSE
/// rating, leaves-side amps = vehicle limit; a leaves-side watt limit without amps = DC EVSE (root amps = AC input
/// rating); an EVSE that may not import but may export is a discharging session. Two data quirks: fixture 3 declares
/// the uuid "external_limit_1" twice (the inner one is its own parent's namesake) — the second becomes
/// "external_limit_2", which is what the expected source names; fixture 6's root has an empty uuid — it becomes "root".
/// </remarks>
internal static class EverestScenarioConverter
{
    public static string ToSiteJson(JsonObject scenario, string startTime)
    {
        var config = scenario["config"]!.AsObject();
        var tree = scenario["tree_compact"]!.AsArray();
        var nodes = new JsonArray();
        var evses = new JsonArray();
        var envelopes = new JsonArray();
        var latest = new Dictionary<string, string>();
        var used = new HashSet<string>();
        var start = DateTimeOffset.Parse(startTime, System.Globalization.CultureInfo.InvariantCulture);

        foreach (var raw in tree)
        {
            var n = raw!.AsObject();
            var uuid = (string?)n["uuid"] ?? string.Empty;
            var parentUuid = (string?)n["parent"];
            var id = uuid.Length == 0 ? "root" : uuid;
            if (!used.Add(id))
            {
                id = id.EndsWith("_1", StringComparison.Ordinal) ? id[..^2] + "_2" : id + "_2";
                used.Add(id);
            }

            var parent = parentUuid is null ? null : latest.GetValueOrDefault(parentUuid, parentUuid);
            latest[uuid] = id;
            var imports = n["schedule_import"]?.AsArray() ?? [];
            var exports = n["schedule_export"]?.AsArray() ?? [];

            if ((string?)n["node_type"] == "Evse")
            {
                evses.Add(Evse(id, parent!, imports, exports));
                continue;
            }

            var node = new JsonObject { ["id"] = id, ["kind"] = parent is null ? "gridConnection" : "circuit" };
            if (parent is not null)
            {
                node["parent"] = parent;
            }

            if (imports.Count == 1)
            {
                node["import"] = Limit(imports[0]!.AsObject());
            }

            if (exports.Count == 1)
            {
                node["export"] = Limit(exports[0]!.AsObject());
            }

            nodes.Add(node);
            if (imports.Count > 1 || exports.Count > 1)
            {
                envelopes.Add(ScheduleEnvelope(id, imports, exports, start));
            }

            if (n["schedule_setpoints"] is JsonArray setpoints && setpoints.Count > 0)
            {
                envelopes.Add(SetpointEnvelope(id, setpoints, start));
            }
        }

        var site = new JsonObject
        {
            ["id"] = (string?)scenario["id"],
            ["at"] = startTime,
            ["settings"] = new JsonObject
            {
                ["nominalVoltageV"] = (double)config["nominal_ac_voltage"]!,
                ["phaseAware"] = false,
                ["netExportAgainstImport"] = true,
            },
            ["nodes"] = nodes,
            ["evses"] = evses,
            ["envelopes"] = envelopes,
        };
        return site.ToJsonString();
    }

    private static JsonObject Evse(string id, string parent, JsonArray imports, JsonArray exports)
    {
        var imp = imports.Count > 0 ? imports[0]!.AsObject() : new JsonObject();
        var exp = exports.Count > 0 ? exports[0]!.AsObject() : new JsonObject();
        var root = imp["to_root"]?.AsObject() ?? [];
        var leaves = imp["to_leaves"]?.AsObject() ?? [];
        var expRoot = exp["to_root"]?.AsObject() ?? [];
        var expLeaves = exp["to_leaves"]?.AsObject() ?? [];
        var evse = new JsonObject { ["id"] = id, ["parent"] = parent };
        var session = new JsonObject();
        var phases = (int?)root["max_phases"] ?? 3;

        var dc = leaves["max_W"] is not null && leaves["max_A"] is null;
        if (dc)
        {
            var efficiency = (double?)imp["conversion_efficiency"] ?? 1;
            evse["supply"] = "DC";
            evse["maxPowerW"] = (double)leaves["max_W"]! * efficiency;
            if (root["max_A"] is { } inA)
            {
                evse["maxInputCurrentA"] = (double)inA;
            }
        }
        else if ((double?)root["max_A"] == 0 && (double?)expRoot["max_A"] > 0)
        {
            // Cannot import but may export: EVerest discharges it; we say so explicitly.
            evse["maxCurrentA"] = (double)expRoot["max_A"]!;
            evse["minCurrentA"] = (double?)expRoot["min_A"] ?? 0;
            evse["phases"] = phases;
            session["direction"] = "discharge";
            if (expLeaves["max_A"] is { } expCar)
            {
                session["maxCurrentA"] = (double)expCar;
            }
        }
        else
        {
            evse["maxCurrentA"] = (double?)root["max_A"] ?? 32;
            evse["minCurrentA"] = (double?)root["min_A"] ?? 0;
            evse["phases"] = phases;
            if (leaves["max_A"] is { } car)
            {
                session["maxCurrentA"] = (double)car;
            }

            if (leaves["max_W"] is { } carW)
            {
                session["maxPowerW"] = (double)carW;
            }
        }

        evse["canSwitchPhases"] = (bool?)root["can_switch_phases"] ?? false;
        evse["session"] = session;
        return evse;
    }

    private static JsonObject Limit(JsonObject entry)
    {
        var root = entry["to_root"]?.AsObject() ?? [];
        var leaves = entry["to_leaves"]?.AsObject() ?? [];
        var efficiency = (double?)entry["conversion_efficiency"] ?? 1;
        var limit = new JsonObject();
        if (Min((double?)root["max_A"], (double?)leaves["max_A"]) is { } a)
        {
            limit["currentA"] = a;
        }

        if (Min((double?)root["max_W"], (double?)leaves["max_W"] / efficiency) is { } w)
        {
            limit["powerW"] = w;
        }

        return limit;
    }

    private static JsonObject ScheduleEnvelope(string node, JsonArray imports, JsonArray exports, DateTimeOffset start)
    {
        var blocks = new JsonArray();
        AddBlocks(blocks, imports, start, (entry, block) => block["import"] = Limit(entry));
        AddBlocks(blocks, exports, start, (entry, block) => block["export"] = Limit(entry));
        return new JsonObject { ["id"] = node + "-schedule", ["node"] = node, ["source"] = "everest:schedule", ["blocks"] = blocks };
    }

    private static JsonObject SetpointEnvelope(string node, JsonArray setpoints, DateTimeOffset start)
    {
        var blocks = new JsonArray();
        AddBlocks(blocks, setpoints, start, (entry, block) =>
        {
            // A charging setpoint caps import; a discharging one forbids import and caps export.
            var amps = (double)entry["ac_current_A"]!;
            block["import"] = new JsonObject { ["currentA"] = Math.Max(0, amps) };
            if (amps < 0)
            {
                block["export"] = new JsonObject { ["currentA"] = -amps };
            }
        });
        return new JsonObject { ["id"] = (string?)setpoints[0]!["source"] ?? node + "-setpoint", ["node"] = node, ["source"] = "everest:setpoint", ["blocks"] = blocks };
    }

    private static void AddBlocks(JsonArray blocks, JsonArray entries, DateTimeOffset start, Action<JsonObject, JsonObject> fill)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i]!.AsObject();
            var from = DateTimeOffset.Parse((string)entry["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);
            if (i == 0 && start < from)
            {
                from = start.AddDays(-1);
            }

            var to = i + 1 < entries.Count
                ? DateTimeOffset.Parse((string)entries[i + 1]!["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture)
                : from.AddDays(2);
            var block = new JsonObject { ["from"] = from.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["to"] = to.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
            fill(entry, block);
            blocks.Add(block);
        }
    }

    private static double? Min(double? a, double? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
