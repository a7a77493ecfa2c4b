using System.Text.Json;
using System.Text.Json.Serialization;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.SiteFormat;

/// <summary>Per-phase values as one number (same on every phase) or as [L1, L2, L3].</summary>
internal sealed class PhaseValuesJsonConverter : JsonConverter<PhaseValues>
{
    public override PhaseValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return PhaseValues.Uniform(reader.GetDouble());
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected a number or an array [L1, L2, L3]");
        }

        var values = new List<double>(3);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.GetDouble());
        }

        return values.Count == 3
            ? new PhaseValues(values[0], values[1], values[2])
            : throw new JsonException($"expected 3 per-phase values [L1, L2, L3], got {values.Count}");
    }

    public override void Write(Utf8JsonWriter writer, PhaseValues value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.L1);
        writer.WriteNumberValue(value.L2);
        writer.WriteNumberValue(value.L3);
        writer.WriteEndArray();
    }
}
