using System.Globalization;
using System.Text.Json;
using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Cli;

/// <summary>Writes allocation results as JSON (the CLI's output contract; camelCase, nulls omitted).</summary>
internal static partial class AllocationJsonWriter
{
    public static void WriteAllocation(Utf8JsonWriter w, AllocationResult result)
    {
        w.WriteStartArray("allocations");
        foreach (var a in result.Evses)
        {
            w.WriteStartObject();
            w.WriteString("evse", a.EvseId);
            WriteOptional(w, "charger", a.ChargerId);
            w.WriteString("supply", a.Supply.ToString());
            w.WriteString("direction", Camel(a.Direction.ToString()));
            w.WriteBoolean("admitted", a.Admitted);
            if (a.Stale)
            {
                w.WriteBoolean("stale", true);
            }

            WriteLimit(w, "limit", a.Limit);
            if (a.CurrentA is { } amps)
            {
                w.WriteNumber("currentA", Round(amps));
            }

            w.WriteNumber("powerW", Round(a.PowerW));
            w.WriteNumber("phases", a.Phases);
            WriteLineage(w, "lineage", a.Lineage);
            if (a.PhaseState is { } ps)
            {
                w.WriteStartObject("phaseState");
                w.WriteNumber("activePhases", ps.ActivePhases);
                w.WriteNumber("switchCount", ps.SwitchCount);
                if (ps.OnePhasePreferredAt is { } t)
                {
                    w.WriteString("onePhasePreferredAt", Iso(t));
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("chargers");
        foreach (var c in result.Chargers)
        {
            w.WriteStartObject();
            w.WriteString("charger", c.ChargerId);
            WriteLimit(w, "limit", c.Limit);
            w.WriteNumber("currentA", Round(c.CurrentA));
            w.WriteNumber("powerW", Round(c.PowerW));
            w.WriteStartArray("evses");
            foreach (var e in c.EvseIds)
            {
                w.WriteStringValue(e);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("nodes");
        foreach (var n in result.Nodes)
        {
            w.WriteStartObject();
            w.WriteString("node", n.NodeId);
            w.WriteString("kind", Camel(n.Kind.ToString()));
            w.WriteStartObject("effectiveImport");
            WriteOptional(w, "currentA", n.EffectiveImport.CurrentA);
            WriteOptional(w, "powerW", n.EffectiveImport.PowerW);
            w.WriteEndObject();
            WriteLineage(w, "limitSources", n.LimitSources);
            if (n.TelemetryStale)
            {
                w.WriteBoolean("telemetryStale", true);
            }

            WritePhases(w, "nonEvCurrentA", n.FixedCurrentA);
            w.WriteNumber("nonEvPowerW", Round(n.FixedPowerW));
            WritePhases(w, "allocatedCurrentA", n.AllocatedCurrentA);
            w.WriteNumber("allocatedPowerW", Round(n.AllocatedPowerW));
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("breaches");
        foreach (var b in result.Breaches)
        {
            w.WriteStartObject();
            w.WriteString("node", b.NodeId);
            w.WriteString("unit", b.Unit.ToString());
            if (b.Phase is { } ph)
            {
                w.WriteString("phase", ph.ToString());
            }

            w.WriteNumber("measured", Round(b.Measured));
            w.WriteNumber("limit", Round(b.Limit));
            w.WriteString("measuredBy", b.MeasuredBy);
            if (b.MeasuredAt is { } t)
            {
                w.WriteString("measuredAt", Iso(t));
            }

            if (b.LimitSource is { } src)
            {
                w.WritePropertyName("limitSource");
                WriteEntry(w, src);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void WriteLimit(Utf8JsonWriter w, string name, ChargingLimit limit)
    {
        w.WriteStartObject(name);
        w.WriteString("unit", limit.Unit.ToString());
        w.WriteNumber("value", Round(limit.Limit));
        if (limit.NumberPhases is { } p)
        {
            w.WriteNumber("numberPhases", p);
        }

        w.WriteEndObject();
    }

    public static void WriteLineage(Utf8JsonWriter w, string name, IReadOnlyList<LineageEntry> lineage)
    {
        w.WriteStartArray(name);
        foreach (var entry in lineage)
        {
            WriteEntry(w, entry);
        }

        w.WriteEndArray();
    }

    public static void WriteEntry(Utf8JsonWriter w, LineageEntry e)
    {
        w.WriteStartObject();
        w.WriteString("kind", Camel(e.Kind.ToString()));
        WriteOptional(w, "node", e.NodeId);
        WriteOptional(w, "envelope", e.EnvelopeId);
        WriteOptional(w, "sourceRequestId", e.SourceRequestId);
        if (e.EnvelopeQuality is { } q)
        {
            w.WriteString("envelopeQuality", Camel(q.ToString()));
        }

        if (e.Unit is { } u)
        {
            w.WriteString("unit", u.ToString());
        }

        if (e.Phase is { } ph)
        {
            w.WriteString("phase", ph.ToString());
        }

        WriteOptional(w, "limit", e.Limit);
        WriteOptional(w, "detail", e.Detail);
        w.WriteEndObject();
    }

    private static void WritePhases(Utf8JsonWriter w, string name, PhaseValues values)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(Round(values.L1));
        w.WriteNumberValue(Round(values.L2));
        w.WriteNumberValue(Round(values.L3));
        w.WriteEndArray();
    }

    public static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    public static void WriteOptional(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, Round(v));
        }
    }

    /// <summary>Output precision: milliamps and milliwatts are plenty, and avoid 15.999999999 noise.</summary>
    public static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    public static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
