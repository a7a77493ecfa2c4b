using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CentralSystem.Ocpp.Schemas;

// State of one Validate call. It lives on the stack: the path is a span of ints (a property
// name id >= 0, or ~index for an array item) so that nothing is allocated until a violation
// has to be described.
internal ref struct ValidationContext
{
    // Utf8JsonReader's default; the path buffer has one slot per level.
    public const int MaxDepth = 64;

    private const int MaxQuotedLength = 64;

    private static readonly (JsonTypes Flag, string Name)[] TypeNames =
    [
        (JsonTypes.Object, "object"),
        (JsonTypes.Array, "array"),
        (JsonTypes.String, "string"),
        (JsonTypes.Integer, "integer"),
        (JsonTypes.Number, "number"),
        (JsonTypes.Boolean, "boolean"),
        (JsonTypes.Null, "null"),
    ];

    public Utf8JsonReader Reader;

    private readonly Span<int> _path;
    private readonly string[] _names;
    private int _depth;
    private List<SchemaViolation>? _violations;

    public ValidationContext(ReadOnlySpan<byte> utf8Json, Span<int> pathBuffer, string[] names)
    {
        Reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = MaxDepth,
        });
        _path = pathBuffer;
        _names = names;
    }

    public readonly bool Stopped => _violations is { Count: >= SchemaValidationResult.MaxViolations };

    public void PushProperty(int nameId) => _path[_depth++] = nameId;

    public void PushIndex(int index) => _path[_depth++] = ~index;

    public void Pop() => _depth--;

    // Read() only returns false at the end of the input, which inside a container means the
    // payload was cut short; with isFinalBlock the reader normally throws first.
    public void ReadNext()
    {
        if (!Reader.Read())
        {
            throw new JsonException("Unexpected end of the payload.");
        }
    }

    public void Report(SchemaViolationKind kind, string detail) => Report(kind, null, detail);

    // child names a property that is not (or no longer) the current path segment: a missing
    // required property or an unexpected one.
    public void Report(SchemaViolationKind kind, string? child, string detail)
    {
        if (Stopped)
        {
            return;
        }

        var path = BuildPath(child);
        var subject = path.Length == 0 ? "payload" : path;
        (_violations ??= []).Add(new SchemaViolation(kind, path, subject + ": " + detail));
    }

    public void ReportType(JsonTypes expected, string found) =>
        Report(SchemaViolationKind.Type, "expected " + Describe(expected) + " but found " + found);

    public readonly SchemaValidationResult ToResult() =>
        _violations is null ? SchemaValidationResult.Valid : new SchemaValidationResult(_violations);

    // Text taken from the payload for a path or message is cut short: it may be large or hostile.
    public static string Clip(string value) =>
        value.Length <= MaxQuotedLength ? value : value[..MaxQuotedLength] + "…";

    public static string Quote(string value) => "'" + Clip(value) + "'";

    private readonly string BuildPath(string? child)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < _depth; i++)
        {
            var segment = _path[i];
            if (segment >= 0)
            {
                AppendName(builder, _names[segment]);
            }
            else
            {
                builder.Append('[').Append((~segment).ToString(CultureInfo.InvariantCulture)).Append(']');
            }
        }

        if (child is not null)
        {
            AppendName(builder, child);
        }

        return builder.ToString();
    }

    private static void AppendName(StringBuilder builder, string name)
    {
        if (builder.Length > 0)
        {
            builder.Append('.');
        }

        builder.Append(name);
    }

    private static string Describe(JsonTypes types)
    {
        if (types == JsonTypes.Any)
        {
            return "any value";
        }

        var names = new List<string>();
        foreach (var (flag, name) in TypeNames)
        {
            // "number" already covers integers.
            if ((types & flag) != 0 && !(flag == JsonTypes.Integer && (types & JsonTypes.Number) != 0))
            {
                names.Add(name);
            }
        }

        return names.Count == 1 ? names[0] : "one of " + string.Join(", ", names);
    }
}
