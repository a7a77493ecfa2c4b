using System.Text.Json;
using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Validation;

public static partial class OscpMessageReader
{
    private static string Join(string parent, string member) => parent.Length == 0 ? member : $"{parent}.{member}";

    private static OscpInvalidMessageException Invalid(string path, string problem) => new($"{path}: {problem}");

    private static void RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"must be an object, not {Describe(element)}");
        }
    }

    private static JsonElement Required(JsonElement obj, string member, string parent)
    {
        RequireObject(obj, parent.Length == 0 ? "body" : parent);
        if (!obj.TryGetProperty(member, out var value))
        {
            throw Invalid(Join(parent, member), "is required");
        }

        return value;
    }

    // An explicit null is treated as absent: the schemas have no nullable members, and peers serialise optionals as null.
    private static JsonElement? Optional(JsonElement obj, string member) =>
        obj.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string NonEmptyString(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw Invalid(path, $"must be a string, not {Describe(element)}");
        }

        var text = element.GetString()!;
        if (text.Length == 0)
        {
            throw Invalid(path, "must not be empty");
        }

        return text;
    }

    // Digest §9: numbers as strings ("123.4", as oscp-sdk types capacity) are rejected.
    private static double Number(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            throw Invalid(path, $"must be a number, not {Describe(element)}");
        }

        if (!element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw Invalid(path, "is out of range");
        }

        return value;
    }

    private static T Enum<T>(JsonElement element, string path, WireEnum<T> names)
        where T : struct, System.Enum
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw Invalid(path, $"must be a string, not {Describe(element)}");
        }

        var text = element.GetString()!;
        if (!names.TryParse(text, out var value))
        {
            throw Invalid(path, $"'{text}' is not one of {string.Join(", ", names.Names)} (case-sensitive)");
        }

        return value;
    }

    private static DateTimeOffset Time(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw Invalid(path, $"must be an RFC 3339 date-time string, not {Describe(element)}");
        }

        var text = element.GetString()!;
        if (!Rfc3339.TryParse(text, out var value))
        {
            throw Invalid(path, $"'{text}' is not an RFC 3339 date-time with offset (e.g. 2026-03-01T10:00:00Z)");
        }

        return value;
    }

    private static List<T> Array<T>(JsonElement obj, string member, string parent, Func<JsonElement, string, T> item, int minItems = 1, bool objectItems = true)
    {
        var path = Join(parent, member);
        var array = Required(obj, member, parent);
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, $"must be an array, not {Describe(array)}");
        }

        var length = array.GetArrayLength();
        if (length < minItems)
        {
            throw Invalid(path, $"must have at least {minItems} item(s)");
        }

        var result = new List<T>(length);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (objectItems)
            {
                RequireObject(element, itemPath);
            }

            result.Add(item(element, itemPath));
        }

        return result;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };
}
