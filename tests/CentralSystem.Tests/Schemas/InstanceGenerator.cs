using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CentralSystem.Tests.Schemas;

public enum GenerationMode
{
    // Required properties only, shortest strings, fewest items, lowest numbers.
    Minimal,

    // Every optional property, strings at maxLength, arrays at maxItems (capped), highest numbers.
    Maximal,

    // Random choices everywhere, including property order and vendor extensions in customData.
    Random,

    // Like Random, but with every optional property and at least one item per array: a small
    // instance that still has a place for every kind of mutation.
    Rich,
}

// Produces instances of one official schema, read straight from the schema JSON (not from our
// compiled form, so that a misreading in the compiler is not mirrored here). Every value it
// creates is recorded as a Site so that InstanceMutator can break exactly one of them.
//
// Only values both validators judge alike are produced: BMP characters (NJsonSchema counts
// UTF-16 units for maxLength), date-times with an offset and at most 7 fractional digits, and
// absolute URIs that System.Uri also accepts. See KnownDifferencesTests for the rest.
public sealed partial class InstanceGenerator
{
    private const int UnboundedStringLength = 40;
    private const int ShortStringLength = 32;
    private const int UnboundedItems = 4;
    private const int MaximalItemsCap = 6;

    private const string Ascii = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.:/";

    // Multi-byte UTF-8 (2 and 3 bytes), and characters JSON must or may escape.
    private const string Special = "éßñΩ€中\"\\/\n\t<>&'+";

    private readonly JsonElement _root;
    private readonly Random _random;
    private List<Site> _sites = [];

    public InstanceGenerator(JsonElement rootSchema, Random random)
    {
        _root = rootSchema;
        _random = random;
    }

    public GeneratedInstance Generate(GenerationMode mode)
    {
        _sites = [];
        var root = GenerateValue(_root, mode, parent: null, property: null, index: -1);
        return new GeneratedInstance(root, _sites);
    }

    internal JsonNode? GenerateValue(JsonElement schema, GenerationMode mode, JsonNode? parent, string? property, int index)
    {
        schema = Resolve(schema);
        JsonNode? value = TypeOf(schema) switch
        {
            "object" => GenerateObject(schema, mode),
            "array" => GenerateArray(schema, mode),
            "string" => JsonValue.Create(GenerateString(schema, mode)),
            "integer" => JsonValue.Create(GenerateInteger(schema, mode)),
            "number" => GenerateNumber(schema, mode),
            "boolean" => JsonValue.Create(_random.Next(2) == 0),
            null => GenerateAnything(depth: 0),
            var other => throw new NotSupportedException("type " + other),
        };
        _sites.Add(new Site(schema, parent, property, index, value));
        return value;
    }

    internal JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/definitions/".Length..];
            schema = _root.GetProperty("definitions").GetProperty(name);
        }

        return schema;
    }

    internal static string? TypeOf(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) ? type.GetString() : null;

    internal static int? IntKeyword(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) ? value.GetInt32() : null;

    internal static decimal? DecimalKeyword(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) ? value.GetDecimal() : null;

    private JsonObject GenerateObject(JsonElement schema, GenerationMode mode)
    {
        var required = schema.TryGetProperty("required", out var requiredElement)
            ? requiredElement.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        var chosen = new List<JsonProperty>();
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var declared in properties.EnumerateObject())
            {
                var include = required.Contains(declared.Name) || mode switch
                {
                    GenerationMode.Minimal => false,
                    GenerationMode.Random => _random.Next(2) == 0,
                    _ => true,
                };
                if (include)
                {
                    chosen.Add(declared);
                }
            }
        }

        if (mode is GenerationMode.Random or GenerationMode.Rich)
        {
            Shuffle(chosen);
        }

        var result = new JsonObject();
        foreach (var declared in chosen)
        {
            result[declared.Name] = GenerateValue(declared.Value, mode, result, declared.Name, -1);
        }

        // Vendor extensions: customData declares no additionalProperties: false.
        var closed = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
        if (!closed && mode == GenerationMode.Random && _random.Next(3) == 0)
        {
            for (var i = _random.Next(1, 4); i > 0; i--)
            {
                result["vendorExtension" + i.ToString(CultureInfo.InvariantCulture)] = GenerateAnything(depth: 0);
            }
        }

        return result;
    }

    private JsonArray GenerateArray(JsonElement schema, GenerationMode mode)
    {
        var items = schema.GetProperty("items");
        if (items.ValueKind != JsonValueKind.Object)
        {
            throw new NotSupportedException("tuple items");
        }

        var min = IntKeyword(schema, "minItems") ?? 0;
        var max = IntKeyword(schema, "maxItems");
        var count = mode switch
        {
            GenerationMode.Minimal => min,
            GenerationMode.Maximal => Math.Max(min, Math.Min(max ?? MaximalItemsCap, MaximalItemsCap)),
            GenerationMode.Rich => Math.Max(min, Math.Min(max ?? 2, _random.Next(1, 3))),
            _ => _random.Next(min, Math.Max(min, Math.Min(max ?? UnboundedItems, UnboundedItems)) + 1),
        };

        var result = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            result.Add(GenerateValue(items, mode, result, null, i));
        }

        return result;
    }

    private string GenerateString(JsonElement schema, GenerationMode mode)
    {
        if (schema.TryGetProperty("enum", out var values))
        {
            var all = values.EnumerateArray().Select(v => v.GetString()!).ToArray();
            return mode == GenerationMode.Minimal ? all[0] : all[_random.Next(all.Length)];
        }

        if (schema.TryGetProperty("format", out var format))
        {
            return format.GetString() switch
            {
                "date-time" => GenerateDateTime(),
                "uri" => GenerateUri(),
                var other => throw new NotSupportedException("format " + other),
            };
        }

        var max = IntKeyword(schema, "maxLength") ?? UnboundedStringLength;
        var length = mode switch
        {
            GenerationMode.Minimal => 0,
            GenerationMode.Maximal => max,

            // Mostly short (certificates allow 5500 characters and would dominate the corpus
            // size and run time), sometimes right at the limit, where off-by-one bugs live.
            _ when _random.Next(10) == 0 => Math.Max(0, max - _random.Next(3)),
            _ => _random.Next(0, Math.Min(max, ShortStringLength) + 1),
        };
        return RandomText(length);
    }

    internal string RandomText(int codePoints)
    {
        return string.Create(codePoints, _random, static (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = random.Next(8) == 0 ? Special[random.Next(Special.Length)] : Ascii[random.Next(Ascii.Length)];
            }
        });
    }

    private long GenerateInteger(JsonElement schema, GenerationMode mode)
    {
        var min = (long?)DecimalKeyword(schema, "minimum");
        var max = (long?)DecimalKeyword(schema, "maximum");
        return mode switch
        {
            GenerationMode.Minimal => min ?? 0,
            GenerationMode.Maximal => max ?? int.MaxValue,
            _ when min is not null || max is not null => _random.NextInt64(min ?? -1000, (max ?? 100_000) + 1),
            _ => _random.Next(4) switch
            {
                0 => _random.Next(0, 10),
                1 => _random.Next(0, 100_000),
                2 => _random.Next(),
                _ => -_random.Next(0, 1000),
            },
        };
    }

    private JsonNode GenerateNumber(JsonElement schema, GenerationMode mode)
    {
        if (DecimalKeyword(schema, "multipleOf") is { } step)
        {
            var multiple = mode switch
            {
                GenerationMode.Minimal => 0,
                GenerationMode.Maximal => 1_000_000,
                _ => _random.Next(0, 1_000_000),
            };
            var exact = multiple * step;
            return _random.Next(5) switch
            {
                // How a charger computing in double would print it, e.g. 0.30000000000000004.
                0 => JsonNode.Parse((multiple * (double)step).ToString("R", CultureInfo.InvariantCulture))!,
                1 => JsonNode.Parse(exact.ToString("0.0##############", CultureInfo.InvariantCulture) + "E0")!,
                _ => JsonValue.Create(exact),
            };
        }

        return mode switch
        {
            GenerationMode.Minimal => JsonValue.Create(0m),
            GenerationMode.Maximal => JsonValue.Create(1_000_000_000.125m),
            _ => _random.Next(4) switch
            {
                0 => JsonValue.Create(_random.Next(-1000, 100_000)),
                1 => JsonNode.Parse(_random.Next(1, 99).ToString(CultureInfo.InvariantCulture) + ".5E" + _random.Next(0, 4).ToString(CultureInfo.InvariantCulture))!,
                _ => JsonValue.Create(Math.Round((decimal)_random.NextDouble() * 10_000m, _random.Next(0, 4))),
            },
        };
    }

    // RFC 3339 forms NJsonSchema 10.7.2 also accepts: upper-case T and Z, an offset within
    // DateTimeOffset's ±14:00, at most 7 fractional digits, no leap second.
    private string GenerateDateTime()
    {
        var year = _random.Next(1970, 2100);
        var month = _random.Next(1, 13);
        var day = _random.Next(1, DateTime.DaysInMonth(year, month) + 1);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{year:D4}-{month:D2}-{day:D2}T{_random.Next(24):D2}:{_random.Next(60):D2}:{_random.Next(60):D2}");
        var digits = _random.Next(-3, 8);
        if (digits > 0)
        {
            text += "." + _random.NextInt64(0, (long)Math.Pow(10, digits)).ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        if (_random.Next(3) == 0)
        {
            var offset = _random.Next(-14 * 60, 14 * 60 + 1);
            return text + string.Create(
                CultureInfo.InvariantCulture,
                $"{(offset < 0 ? '-' : '+')}{Math.Abs(offset) / 60:D2}:{Math.Abs(offset) % 60:D2}");
        }

        return text + "Z";
    }

    private string GenerateUri()
    {
        string[] schemes = ["ftp", "ftps", "http", "https", "sftp"];
        string[] hosts = ["example.com", "fw.vendor.example", "10.0.0.12", "[2001:db8::1]", "user:secret@files.example.org"];
        var uri = schemes[_random.Next(schemes.Length)] + "://" + hosts[_random.Next(hosts.Length)];
        if (_random.Next(2) == 0)
        {
            uri += ":" + _random.Next(1, 65536).ToString(CultureInfo.InvariantCulture);
        }

        uri += "/firmware/v" + _random.Next(100).ToString(CultureInfo.InvariantCulture) + "/image%20" + _random.Next(10).ToString(CultureInfo.InvariantCulture) + ".bin";
        if (_random.Next(3) == 0)
        {
            uri += "?token=a~b-c_d.e&x=1";
        }

        return _random.Next(4) == 0 ? uri + "#section" : uri;
    }

    // Any JSON value, for schemas without a type (DataTransfer data) and vendor extensions.
    internal JsonNode? GenerateAnything(int depth)
    {
        switch (_random.Next(depth > 2 ? 5 : 7))
        {
            case 0: return null;
            case 1: return JsonValue.Create(_random.Next(2) == 0);
            case 2: return JsonValue.Create(_random.Next(-100, 100_000));
            case 3: return JsonValue.Create(Math.Round((decimal)_random.NextDouble() * 100m, 3));
            case 4: return JsonValue.Create(RandomText(_random.Next(0, 20)));
            case 5:
                var array = new JsonArray();
                for (var i = _random.Next(0, 4); i > 0; i--)
                {
                    array.Add(GenerateAnything(depth + 1));
                }

                return array;
            default:
                var obj = new JsonObject();
                for (var i = _random.Next(0, 4); i > 0; i--)
                {
                    obj["k" + i.ToString(CultureInfo.InvariantCulture)] = GenerateAnything(depth + 1);
                }

                return obj;
        }
    }

    private void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
