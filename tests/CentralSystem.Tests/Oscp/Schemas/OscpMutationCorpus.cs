using System.Globalization;
using System.Text.Json.Nodes;
using CentralSystem.Oscp.Messages;

namespace CentralSystem.Tests.Oscp.Schemas;

/// <summary>
/// Mutations of one valid sample, member by member, with the verdicts <see cref="OscpWireModel"/> implies: drop each
/// member, rename it to upper case, set it to null, give it every wrong JSON type, numbers as strings, wrong-case and
/// unknown enum values, every other allowed enum value, boundary numbers, date-times with and without an offset,
/// URL variants, empty and repeated arrays, and an unknown extra member in every object (allowed: digest §9).
/// </summary>
internal sealed class OscpMutationCorpus
{
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss";

    private readonly string _sample;
    private readonly OscpMessageKind _kind;
    private readonly JsonNode _root;
    private readonly List<OscpSchemaCase> _cases = [];

    private OscpMutationCorpus(string sample, OscpMessageKind kind, JsonNode root)
    {
        _sample = sample;
        _kind = kind;
        _root = root;
    }

    public static IReadOnlyList<OscpSchemaCase> Generate(string sample, OscpMessageKind kind, string body)
    {
        var corpus = new OscpMutationCorpus(sample, kind, JsonNode.Parse(body)!);
        corpus.ObjectCases(OscpWireModel.Of(kind), [], alternatives: true);
        return corpus._cases;
    }

    private void ObjectCases(WireObject type, IReadOnlyList<object> path, bool alternatives)
    {
        var obj = Navigate(path).AsObject();
        if (path.Count > 0)
        {
            Expect(path, "as array", Replace(path, new JsonArray()), false);
            Expect(path, "as string", Replace(path, JsonValue.Create("x")), false);
        }

        Expect(path, "with unknown member", Edit(path, o => o.AsObject()["x_vendor_extension"] = new JsonObject { ["n"] = 1 }), true);

        foreach (var member in type.Members.Where(m => obj.ContainsKey(m.Name)))
        {
            var at = Append(path, member.Name);

            // Optional members may go unless they are the last of an at-least-one-of group (digest §6 [R]).
            var mayDrop = !member.Required
                && (type.AtLeastOneOf.Count == 0 || type.AtLeastOneOf.Any(o => o != member.Name && obj.ContainsKey(o)));
            Expect(at, "dropped", Edit(path, o => o.AsObject().Remove(member.Name)), mayDrop);
            Expect(at, "renamed to upper case", Edit(path, o => Rename(o.AsObject(), member.Name, member.Name.ToUpperInvariant())), mayDrop);
            if (mayDrop)
            {
                _cases.Add(OscpSchemaCase.SchemaOnly(Label(at, "null"), _kind, Replace(at, null), KnownDifference.ReaderNullAsAbsent));
            }
            else
            {
                Expect(at, "null", Replace(at, null), false);
            }

            ValueCases(member.Type, at, alternatives);
        }
    }

    private void ValueCases(OscpWireType type, IReadOnlyList<object> path, bool alternatives)
    {
        switch (type)
        {
            case WireObject obj:
                ObjectCases(obj, path, alternatives);
                break;
            case WireArray array:
                ArrayCases(array, path);
                break;
            case WireText:
                WrongTypes(path, number: true, text: false);
                Expect(path, "empty string", Replace(path, JsonValue.Create("")), false);
                break;
            case WireNumber number:
                NumberCases(number, path);
                break;
            case WireEnum names:
                EnumCases(names, path, alternatives);
                break;
            case WireDateTime:
                DateTimeCases(path);
                break;
            case WireUrl:
                UrlCases(path);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }

    private void ArrayCases(WireArray type, IReadOnlyList<object> path)
    {
        var array = Navigate(path).AsArray();
        WrongTypes(path, number: true, text: true);
        Expect(path, "empty", Replace(path, new JsonArray()), type.MinItems == 0);
        if (array.Count > 0)
        {
            Expect(path, "first item instead of the array", Replace(path, array[0]!.DeepClone()), false);
            Expect(path, "with a number item", Edit(path, a => a.AsArray().Add(7)), false);
            var repeated = Edit(path, a => a.AsArray().Add(a.AsArray()[0]!.DeepClone()));
            if (type.SamePhaseBlocks)
            {
                // The repeated block covers the same time on the same phase (digest §7.1).
                _cases.Add(OscpSchemaCase.ReaderOnly(Label(path, "first item repeated"), _kind, repeated, KnownDifference.SemanticSamePhaseOverlap));
            }
            else
            {
                Expect(path, "first item repeated", repeated, !type.UniqueItems);
            }
        }

        // Changing one block's phase or unit alone would create an overlap or mix units; one unique item alone may
        // collide with another. Those rules are covered by their own cases.
        var alternatives = array.Count <= 1 || !(type.SamePhaseBlocks || type.UniqueItems);
        for (var i = 0; i < array.Count; i++)
        {
            ValueCases(type.Item, Append(path, i), alternatives);
        }
    }

    private void NumberCases(WireNumber type, IReadOnlyList<object> path)
    {
        var original = Navigate(path).GetValue<double>();
        WrongTypes(path, number: false, text: false);

        // Digest §9: numbers as strings (oscp-sdk types capacity as a string) are refused.
        Expect(path, "number as string", Replace(path, JsonValue.Create(original.ToString("R", CultureInfo.InvariantCulture))), false);
        if (type.Minimum is { } minimum)
        {
            Expect(path, "at minimum", Replace(path, JsonValue.Create(minimum)), true);
            Expect(path, "just below minimum", Replace(path, JsonValue.Create(minimum - 0.001)), false);
            Expect(path, "negative", Replace(path, JsonValue.Create(-1)), false);
        }
        else
        {
            Expect(path, "negative", Replace(path, JsonValue.Create(-1.5)), true);
        }

        var large = Replace(path, JsonValue.Create(1e10));
        if (type.ReaderMaximum is { } maximum && maximum < 1e10)
        {
            _cases.Add(OscpSchemaCase.ReaderOnly(Label(path, "1e10"), _kind, large, KnownDifference.ReaderHeartbeatIntervalCap));
        }
        else
        {
            Expect(path, "1e10", large, true);
        }
    }

    private void EnumCases(WireEnum type, IReadOnlyList<object> path, bool alternatives)
    {
        var original = Navigate(path).GetValue<string>();
        WrongTypes(path, number: true, text: false);
        Expect(path, "lower case", Replace(path, JsonValue.Create(original.ToLowerInvariant())), false);
        var titleCase = original[..1] + original[1..].ToLowerInvariant();
        if (titleCase != original)
        {
            Expect(path, "title case", Replace(path, JsonValue.Create(titleCase)), false);
        }

        Expect(path, "trailing space", Replace(path, JsonValue.Create(original + " ")), false);
        Expect(path, "unknown value", Replace(path, JsonValue.Create("OTHER")), false);
        Expect(path, "integer", Replace(path, JsonValue.Create(0)), false);
        if (alternatives)
        {
            foreach (var value in type.Values.Where(v => v != original))
            {
                Expect(path, $"= {value}", Replace(path, JsonValue.Create(value)), true);
            }
        }
    }

    private void DateTimeCases(IReadOnlyList<object> path)
    {
        var original = Navigate(path).GetValue<string>();
        var time = DateTimeOffset.Parse(original, CultureInfo.InvariantCulture);
        var utc = time.UtcDateTime;
        string At(string text) => Replace(path, JsonValue.Create(text));

        WrongTypes(path, number: false, text: false);

        // The same instant written differently keeps every ordering rule intact.
        Expect(path, "same instant as Z with 7 digits", At(utc.ToString(DateTimeFormat + ".fffffff'Z'", CultureInfo.InvariantCulture)), true);
        Expect(path, "same instant at +00:00", At(utc.ToString(DateTimeFormat + ".fff", CultureInfo.InvariantCulture) + "+00:00"), true);
        Expect(path, "same instant at -05:30", At(time.ToOffset(new TimeSpan(-5, -30, 0)).ToString(DateTimeFormat + ".fffffffzzz", CultureInfo.InvariantCulture)), true);

        // Digest §7.1 / §9: an offset is mandatory and T separates date and time.
        Expect(path, "no offset", At(utc.ToString(DateTimeFormat, CultureInfo.InvariantCulture)), false);
        Expect(path, "space separator", At(utc.ToString("yyyy-MM-dd' 'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), false);
        Expect(path, "date only", At(utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), false);
        Expect(path, "lower-case t and z", At(utc.ToString("yyyy-MM-dd't'HH:mm:ss'z'", CultureInfo.InvariantCulture)), false);
        Expect(path, "offset without colon", At(utc.ToString(DateTimeFormat, CultureInfo.InvariantCulture) + "+0000"), false);
        Expect(path, "hour 24", At(utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T24:00:00Z"), false);
        Expect(path, "30 February", At(utc.ToString("yyyy", CultureInfo.InvariantCulture) + "-02-30T00:00:00Z"), false);
        Expect(path, "unix seconds", Replace(path, JsonValue.Create(time.ToUnixTimeSeconds())), false);
        Expect(path, "empty string", At(""), false);

        Expect(path, "trailing newline", At(original + "\n"), false);
        _cases.Add(OscpSchemaCase.SchemaOnly(
            Label(path, "same instant with 8 digits"), _kind, At(utc.ToString(DateTimeFormat + ".fffffff", CultureInfo.InvariantCulture) + "0Z"), KnownDifference.NJsonSchemaFractionDigits));
    }

    private void UrlCases(IReadOnlyList<object> path)
    {
        var original = Navigate(path).GetValue<string>();
        var uri = new Uri(original);
        string At(string text) => Replace(path, JsonValue.Create(text));

        WrongTypes(path, number: true, text: false);
        Expect(path, "http", At("http://" + uri.Authority + uri.PathAndQuery), true);
        Expect(path, "upper-case scheme", At("HTTPS://" + uri.Authority + uri.PathAndQuery), true);

        // Digest §1 asks senders to omit a trailing slash; on receive we append our suffix and tolerate it.
        Expect(path, "trailing slash", At(original.TrimEnd('/') + "/"), true);
        Expect(path, "relative", At(uri.PathAndQuery), false);
        Expect(path, "ftp", At("ftp://" + uri.Authority + uri.PathAndQuery), false);
        Expect(path, "scheme only", At("https://"), false);
        Expect(path, "empty string", At(""), false);
        Expect(path, "surrounded by spaces", At(" " + original + " "), false);
        Expect(path, "space in path", At(original + "/a b"), false);
    }

    // Every JSON type the member is not (null is handled with the member, where it may mean "absent").
    private void WrongTypes(IReadOnlyList<object> path, bool number, bool text)
    {
        if (number)
        {
            Expect(path, "number", Replace(path, JsonValue.Create(42)), false);
        }

        if (text)
        {
            Expect(path, "string", Replace(path, JsonValue.Create("x")), false);
        }

        Expect(path, "boolean", Replace(path, JsonValue.Create(true)), false);
        if (Navigate(path) is not JsonObject)
        {
            Expect(path, "object", Replace(path, new JsonObject()), false);
        }

        if (Navigate(path) is not JsonArray)
        {
            Expect(path, "array", Replace(path, new JsonArray(Navigate(path)!.DeepClone())), false);
        }
    }

    private void Expect(IReadOnlyList<object> path, string what, string body, bool valid) =>
        _cases.Add(valid ? OscpSchemaCase.Valid(Label(path, what), _kind, body) : OscpSchemaCase.Invalid(Label(path, what), _kind, body));

    private string Label(IReadOnlyList<object> path, string what)
    {
        var text = string.Concat(path.Select((p, i) => p is int index ? $"[{index}]" : (i == 0 ? "" : ".") + p));
        return $"{_sample}: {(text.Length == 0 ? "body" : text)} {what}";
    }

    private JsonNode Navigate(IReadOnlyList<object> path) => Navigate(_root, path);

    private static JsonNode Navigate(JsonNode node, IReadOnlyList<object> path)
    {
        foreach (var step in path)
        {
            node = step is int index ? node[index]! : node[(string)step]!;
        }

        return node;
    }

    // Changes a deep copy of the sample: the node at the path is handed to the edit.
    private string Edit(IReadOnlyList<object> path, Action<JsonNode> edit)
    {
        var copy = _root.DeepClone();
        edit(Navigate(copy, path));
        return copy.ToJsonString();
    }

    private string Replace(IReadOnlyList<object> path, JsonNode? value)
    {
        var copy = _root.DeepClone();
        var parent = Navigate(copy, path.Take(path.Count - 1).ToList());
        if (path[^1] is int index)
        {
            parent.AsArray()[index] = value;
        }
        else
        {
            parent.AsObject()[(string)path[^1]] = value;
        }

        return copy.ToJsonString();
    }

    private static void Rename(JsonObject obj, string from, string to)
    {
        var value = obj[from];
        obj.Remove(from);
        obj[to] = value;
    }

    private static List<object> Append(IReadOnlyList<object> path, object step) => [.. path, step];
}
