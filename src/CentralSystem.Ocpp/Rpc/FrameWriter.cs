using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CentralSystem.Ocpp.Rpc;

/// <summary>Writes OCPP-J frames; the payload's byte range is reported so it can be schema-validated before sending.</summary>
public static class FrameWriter
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static PooledBufferWriter WriteCallResult<T>(string messageId, T payload, JsonTypeInfo<T> typeInfo, out Range payloadRange)
    {
        var output = new PooledBufferWriter();
        var writer = Rent(output);
        writer.WriteStartArray();
        writer.WriteNumberValue((int)MessageTypeId.CallResult);
        writer.WriteStringValue(messageId);
        payloadRange = WritePayloadAndClose(writer, output, payload, typeInfo);
        return output;
    }

    public static PooledBufferWriter WriteCall<T>(string messageId, string action, T payload, JsonTypeInfo<T> typeInfo, out Range payloadRange)
    {
        var output = new PooledBufferWriter();
        var writer = Rent(output);
        writer.WriteStartArray();
        writer.WriteNumberValue((int)MessageTypeId.Call);
        writer.WriteStringValue(messageId);
        writer.WriteStringValue(action);
        payloadRange = WritePayloadAndClose(writer, output, payload, typeInfo);
        return output;
    }

    public static PooledBufferWriter WriteCallResultRaw(string messageId, ReadOnlySpan<byte> payloadJson, out Range payloadRange)
    {
        var output = new PooledBufferWriter(payloadJson.Length + 64);
        var writer = Rent(output);
        writer.WriteStartArray();
        writer.WriteNumberValue((int)MessageTypeId.CallResult);
        writer.WriteStringValue(messageId);
        writer.Flush();
        var start = output.WrittenCount;
        writer.WriteRawValue(payloadJson, skipInputValidation: true);
        writer.Flush();
        payloadRange = PayloadRange(output, start);
        writer.WriteEndArray();
        writer.Flush();
        return output;
    }

    /// <summary>A CALL whose payload is already serialised (and validated) JSON.</summary>
    public static PooledBufferWriter WriteRawCall(string messageId, string action, ReadOnlySpan<byte> payloadJson)
    {
        var output = new PooledBufferWriter(payloadJson.Length + 96);
        var writer = Rent(output);
        writer.WriteStartArray();
        writer.WriteNumberValue((int)MessageTypeId.Call);
        writer.WriteStringValue(messageId);
        writer.WriteStringValue(action);
        writer.WriteRawValue(payloadJson, skipInputValidation: true);
        writer.WriteEndArray();
        writer.Flush();
        return output;
    }

    /// <param name="details">Written as the errorDetails object; OCPP-J requires the element, empty when nothing to add.</param>
    public static PooledBufferWriter WriteCallError(string messageId, string errorCode, string description, IReadOnlyDictionary<string, string>? details = null)
    {
        var output = new PooledBufferWriter();
        var writer = Rent(output);
        writer.WriteStartArray();
        writer.WriteNumberValue((int)MessageTypeId.CallError);
        writer.WriteStringValue(messageId);
        writer.WriteStringValue(errorCode);

        // OCPP 2.0.1 Part 4 §4.2.3 limits errorDescription to 255 characters.
        writer.WriteStringValue(description.Length > 255 ? description[..255] : description);
        writer.WriteStartObject();
        if (details is not null)
        {
            foreach (var (key, value) in details)
            {
                writer.WriteString(key, value);
            }
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.Flush();
        return output;
    }

    private static Range WritePayloadAndClose<T>(Utf8JsonWriter writer, PooledBufferWriter output, T payload, JsonTypeInfo<T> typeInfo)
    {
        writer.Flush();
        var start = output.WrittenCount;
        JsonSerializer.Serialize(writer, payload, typeInfo);
        writer.Flush();
        var range = PayloadRange(output, start);
        writer.WriteEndArray();
        writer.Flush();
        return range;
    }

    /// <summary>The writer emits the ',' separator with the value, so the payload starts one byte after it.</summary>
    private static Range PayloadRange(PooledBufferWriter output, int start)
    {
        if (output.WrittenSpan[start] == (byte)',')
        {
            start++;
        }

        return new Range(start, output.WrittenCount);
    }

    private static Utf8JsonWriter Rent(PooledBufferWriter output)
    {
        var writer = t_writer;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = false });
            t_writer = writer;
        }
        else
        {
            writer.Reset(output);
        }

        return writer;
    }
}
