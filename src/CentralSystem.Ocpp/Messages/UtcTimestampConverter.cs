using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CentralSystem.Ocpp.Messages;

/// <summary>
/// Writes timestamps as RFC 3339 UTC with milliseconds ("2026-11-21T20:00:00.000Z"): some charger firmware rejects
/// the 7-digit fractions and "+00:00" offsets the default converter emits. Reads any RFC 3339 form.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TryGetDateTimeOffset(out var value))
        {
            return value;
        }

        var text = reader.GetString();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            return value;
        }

        throw new JsonException($"'{text}' is not an RFC 3339 date-time");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> buffer = stackalloc byte[24];
        var utc = value.UtcDateTime;
        if (!utc.TryFormat(buffer, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
        {
            throw new JsonException("timestamp could not be formatted");
        }

        writer.WriteStringValue(buffer[..written]);
    }
}
