using System.Text.Json;
using System.Text.Json.Serialization;

namespace CentralSystem.SmartCharging.SiteFormat;

/// <summary>Reads a duration as "15m"/"PT15M" or as a number of seconds.</summary>
internal sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return TimeSpan.FromSeconds(reader.GetDouble());
        }

        var text = reader.GetString();
        return DurationParser.TryParse(text, out var duration)
            ? duration
            : throw new JsonException($"'{text}' is not a duration (use e.g. \"15m\", \"24h\", \"PT15M\" or seconds)");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(DurationParser.Format(value));
}
