using System.Text.Json;

namespace CentralSystem.Ocpp.Rpc;

/// <summary>Reads OCPP-J frames with a forward-only JSON reader; never throws on bad input.</summary>
public static class FrameParser
{
    /// <summary>OCPP-J 1.6 §4.1.4 / 2.0.1 Part 4 §4.1.4: message ids are strings of at most 36 characters.</summary>
    public const int MaxMessageIdLength = 36;

    public const string UnknownMessageId = "-1";

    public static bool TryParse(ReadOnlyMemory<byte> utf8, out IncomingFrame frame, out FrameParseError? error)
    {
        frame = default;
        string messageId = UnknownMessageId;
        int? type = null;
        try
        {
            var reader = new Utf8JsonReader(utf8.Span, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                error = new FrameParseError(UnknownMessageId, RpcErrorKind.RpcFrameworkError, "An OCPP-J message must be a JSON array", true);
                return false;
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var messageType))
            {
                error = new FrameParseError(UnknownMessageId, RpcErrorKind.RpcFrameworkError, "The first element must be the message type number", true);
                return false;
            }

            type = messageType;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                error = new FrameParseError(UnknownMessageId, RpcErrorKind.RpcFrameworkError, "The second element must be the message id (a string)", messageType == 2);
                return false;
            }

            messageId = reader.GetString()!;
            if (messageId.Length is 0 or > MaxMessageIdLength)
            {
                var shown = messageId.Length > MaxMessageIdLength ? UnknownMessageId : messageId;
                error = new FrameParseError(shown, RpcErrorKind.RpcFrameworkError, $"The message id must be 1 to {MaxMessageIdLength} characters", messageType == 2);
                messageId = shown;
                return false;
            }

            switch (messageType)
            {
                case 2:
                    return ParseCall(utf8, ref reader, messageId, out frame, out error);
                case 3:
                    return ParseCallResult(utf8, ref reader, messageId, out frame, out error);
                case 4:
                    return ParseCallError(ref reader, messageId, out frame, out error);
                default:
                    error = new FrameParseError(messageId, RpcErrorKind.MessageTypeNotSupported, $"Message type {messageType} is not supported", true);
                    return false;
            }
        }
        catch (JsonException ex)
        {
            // Truncated or otherwise malformed JSON: answer the CALL if we know it was one, never kill the connection.
            error = new FrameParseError(messageId, RpcErrorKind.FormatViolation, $"Malformed JSON: {ex.Message}", type is null or 2);
            return false;
        }
    }

    private static bool ParseCall(ReadOnlyMemory<byte> utf8, ref Utf8JsonReader reader, string messageId, out IncomingFrame frame, out FrameParseError? error)
    {
        frame = default;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            error = new FrameParseError(messageId, RpcErrorKind.RpcFrameworkError, "The third element of a CALL must be the action name", true);
            return false;
        }

        var action = reader.GetString()!;
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            // A CALL without its payload has the wrong element count: not a valid RPC frame (2.0.1 Part 4 §4.2.3).
            error = new FrameParseError(messageId, RpcErrorKind.RpcFrameworkError, "A CALL is [2, id, action, {payload}]: the payload is missing", true);
            return false;
        }

        if (!TryReadPayload(utf8, ref reader, out var payload))
        {
            error = new FrameParseError(messageId, RpcErrorKind.TypeConstraintViolation, "The payload must be a JSON object", true);
            return false;
        }

        if (!ReadEnd(ref reader))
        {
            error = new FrameParseError(messageId, RpcErrorKind.RpcFrameworkError, "A CALL has exactly four elements", true);
            return false;
        }

        frame = new IncomingFrame(MessageTypeId.Call, messageId, action, payload, null, null);
        error = null;
        return true;
    }

    private static bool ParseCallResult(ReadOnlyMemory<byte> utf8, ref Utf8JsonReader reader, string messageId, out IncomingFrame frame, out FrameParseError? error)
    {
        frame = default;
        if (!reader.Read() || !TryReadPayload(utf8, ref reader, out var payload) || !ReadEnd(ref reader))
        {
            error = new FrameParseError(messageId, RpcErrorKind.RpcFrameworkError, "A CALLRESULT is [3, id, {payload}]", false);
            return false;
        }

        frame = new IncomingFrame(MessageTypeId.CallResult, messageId, null, payload, null, null);
        error = null;
        return true;
    }

    private static bool ParseCallError(ref Utf8JsonReader reader, string messageId, out IncomingFrame frame, out FrameParseError? error)
    {
        frame = default;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            error = new FrameParseError(messageId, RpcErrorKind.RpcFrameworkError, "A CALLERROR carries an error code string", false);
            return false;
        }

        var code = reader.GetString()!;
        string? description = null;
        if (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            description = reader.GetString();
            if (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.Skip();
                reader.Read();
            }
        }

        frame = new IncomingFrame(MessageTypeId.CallError, messageId, null, default, code, description);
        error = null;
        return true;
    }

    private static bool TryReadPayload(ReadOnlyMemory<byte> utf8, ref Utf8JsonReader reader, out ReadOnlyMemory<byte> payload)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            payload = default;
            return false;
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        payload = utf8[start..(int)reader.BytesConsumed];
        return true;
    }

    private static bool ReadEnd(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            return false;
        }

        // Anything after the closing bracket makes the frame malformed; the reader throws on trailing garbage.
        return !reader.Read();
    }
}
