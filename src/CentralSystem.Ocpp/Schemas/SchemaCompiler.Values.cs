using System.Text.Json;

namespace CentralSystem.Ocpp.Schemas;

// Reading keyword values, each checked for the form the compiled validator implements.
internal sealed partial class SchemaCompiler
{
    private JsonTypes ParseTypes(JsonElement type, string pointer)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            return ParseType(type.GetString(), pointer);
        }

        if (type.ValueKind != JsonValueKind.Array || type.GetArrayLength() == 0)
        {
            throw Unsupported(pointer, "a \"type\" that is neither a name nor a list of names");
        }

        var types = JsonTypes.None;
        foreach (var item in type.EnumerateArray())
        {
            types |= ParseType(item.ValueKind == JsonValueKind.String ? item.GetString() : null, pointer);
        }

        return types;
    }

    private JsonTypes ParseType(string? name, string pointer) => name switch
    {
        "null" => JsonTypes.Null,
        "boolean" => JsonTypes.Boolean,
        "object" => JsonTypes.Object,
        "array" => JsonTypes.Array,
        "number" => JsonTypes.Number,
        "integer" => JsonTypes.Integer,
        "string" => JsonTypes.String,
        _ => throw Unsupported(pointer, "\"type\": \"" + name + "\""),
    };

    private string[] ParseEnum(JsonElement values, string pointer)
    {
        if (values.ValueKind != JsonValueKind.Array)
        {
            throw Unsupported(pointer, "an \"enum\" that is not an array");
        }

        return values.EnumerateArray()
            .Select(value => value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw Unsupported(pointer, "an \"enum\" value that is not a string"))
            .ToArray();
    }

    private StringFormat ParseFormat(JsonElement? format, string pointer)
    {
        if (format is null)
        {
            return StringFormat.None;
        }

        var name = format.Value.ValueKind == JsonValueKind.String ? format.Value.GetString() : null;
        return name switch
        {
            "date-time" => StringFormat.DateTime,
            "uri" => StringFormat.Uri,
            _ => throw Unsupported(pointer, "\"format\": " + format.Value.GetRawText()),
        };
    }

    private int? ReadCount(JsonElement? value, string pointer, string keyword)
    {
        if (value is null)
        {
            return null;
        }

        return value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt32(out var count) && count >= 0
            ? count
            : throw Unsupported(pointer, "a \"" + keyword + "\" that is not a non-negative integer");
    }

    private decimal? ReadDecimal(JsonElement? value, string pointer, string keyword)
    {
        if (value is null)
        {
            return null;
        }

        return value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetDecimal(out var number)
            ? number
            : throw Unsupported(pointer, "a \"" + keyword + "\" that is not a decimal number");
    }
}
