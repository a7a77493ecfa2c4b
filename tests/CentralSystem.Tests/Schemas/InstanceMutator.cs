using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Tests.Schemas;

// Breaks exactly one rule in an otherwise valid instance, so that the first (and only)
// violation a validator reports must be of the kind the mutation targets.
public sealed class InstanceMutator
{
    public static readonly SchemaViolationKind[] Kinds =
    [
        SchemaViolationKind.Required,
        SchemaViolationKind.Type,
        SchemaViolationKind.MaxLength,
        SchemaViolationKind.Enum,
        SchemaViolationKind.AdditionalProperty,
        SchemaViolationKind.Minimum,
        SchemaViolationKind.Maximum,
        SchemaViolationKind.MultipleOf,
        SchemaViolationKind.MinItems,
        SchemaViolationKind.MaxItems,
        SchemaViolationKind.Format,
    ];

    // Both validators reject these (checked against NJsonSchema 10.7.2 by the differential test).
    private static readonly string[] BadDateTimes =
    [
        "", "not-a-date-time", "2024-13-01T00:00:00Z", "2023-02-29T10:00:00Z", "2024-01-01T24:00:00Z",
        "2024-01-01T10:00Z", "01/02/2024 10:00", "2024-01-01T10:00:00+24:00", "2024-01-01T10:00:00ZZ",
    ];

    private static readonly string[] BadUris = ["", "not a uri", "http://a b", "firmware.bin"];

    private readonly InstanceGenerator _generator;
    private readonly Random _random;

    public InstanceMutator(InstanceGenerator generator, Random random)
    {
        _generator = generator;
        _random = random;
    }

    // False when the instance has no value this kind of mutation could break.
    public bool TryMutate(GeneratedInstance instance, SchemaViolationKind kind)
    {
        var candidates = instance.Sites.Where(site => Applies(site, kind)).ToList();
        if (candidates.Count == 0)
        {
            return false;
        }

        var site = candidates[_random.Next(candidates.Count)];
        var schema = site.Schema;
        switch (kind)
        {
            case SchemaViolationKind.Required:
                var required = schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).ToArray();
                ((JsonObject)site.Value!).Remove(required[_random.Next(required.Length)]);
                break;
            case SchemaViolationKind.Type:
                instance.Replace(site, WrongType(InstanceGenerator.TypeOf(schema)!));
                break;
            case SchemaViolationKind.MaxLength:
                var max = InstanceGenerator.IntKeyword(schema, "maxLength")!.Value;
                instance.Replace(site, JsonValue.Create(_generator.RandomText(max + _random.Next(1, 4))));
                break;
            case SchemaViolationKind.Enum:
                instance.Replace(site, JsonValue.Create(WrongEnumValue(schema)));
                break;
            case SchemaViolationKind.AdditionalProperty:
                ((JsonObject)site.Value!)["unexpected" + _random.Next(100).ToString(CultureInfo.InvariantCulture)] = _generator.GenerateAnything(depth: 1);
                break;
            case SchemaViolationKind.Minimum:
                instance.Replace(site, JsonValue.Create(InstanceGenerator.DecimalKeyword(schema, "minimum")!.Value - _random.Next(1, 1000)));
                break;
            case SchemaViolationKind.Maximum:
                instance.Replace(site, JsonValue.Create(InstanceGenerator.DecimalKeyword(schema, "maximum")!.Value + _random.Next(1, 1000)));
                break;
            case SchemaViolationKind.MultipleOf:
                var step = InstanceGenerator.DecimalKeyword(schema, "multipleOf")!.Value;
                instance.Replace(site, JsonValue.Create((_random.Next(0, 100_000) * step) + (step / 2)));
                break;
            case SchemaViolationKind.MinItems:
                ((JsonArray)site.Value!).Clear();
                break;
            case SchemaViolationKind.MaxItems:
                var array = (JsonArray)site.Value!;
                var items = schema.GetProperty("items");
                while (array.Count <= InstanceGenerator.IntKeyword(schema, "maxItems")!.Value)
                {
                    array.Add(_generator.GenerateValue(items, GenerationMode.Minimal, array, null, array.Count));
                }

                break;
            case SchemaViolationKind.Format:
                var bad = schema.GetProperty("format").GetString() == "uri" ? BadUris : BadDateTimes;
                instance.Replace(site, JsonValue.Create(bad[_random.Next(bad.Length)]));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        return true;
    }

    private static bool Applies(Site site, SchemaViolationKind kind)
    {
        var schema = site.Schema;
        var type = InstanceGenerator.TypeOf(schema);
        return kind switch
        {
            SchemaViolationKind.Required => site.Value is JsonObject && schema.TryGetProperty("required", out var r) && r.GetArrayLength() > 0,
            SchemaViolationKind.Type => type is not null,
            SchemaViolationKind.MaxLength => type == "string" && schema.TryGetProperty("maxLength", out _)
                && !schema.TryGetProperty("enum", out _) && !schema.TryGetProperty("format", out _),
            SchemaViolationKind.Enum => schema.TryGetProperty("enum", out _),
            SchemaViolationKind.AdditionalProperty => site.Value is JsonObject
                && schema.TryGetProperty("additionalProperties", out var a) && a.ValueKind == JsonValueKind.False,
            SchemaViolationKind.Minimum => schema.TryGetProperty("minimum", out _),
            SchemaViolationKind.Maximum => schema.TryGetProperty("maximum", out _),
            SchemaViolationKind.MultipleOf => schema.TryGetProperty("multipleOf", out _),
            SchemaViolationKind.MinItems => site.Value is JsonArray { Count: > 0 } && InstanceGenerator.IntKeyword(schema, "minItems") > 0,
            SchemaViolationKind.MaxItems => site.Value is JsonArray && schema.TryGetProperty("maxItems", out _),
            SchemaViolationKind.Format => schema.TryGetProperty("format", out _),
            _ => false,
        };
    }

    private JsonNode? WrongType(string type)
    {
        JsonNode?[] candidates = type switch
        {
            "string" => [JsonValue.Create(42), JsonValue.Create(true), null, new JsonObject(), new JsonArray()],
            "integer" => [JsonValue.Create("1"), JsonValue.Create(1.5m), JsonNode.Parse("2.0"), JsonNode.Parse("1E2"), JsonValue.Create(false), null],
            "number" => [JsonValue.Create("1.5"), JsonValue.Create(true), null, new JsonArray()],
            "boolean" => [JsonValue.Create("true"), JsonValue.Create(0), null],
            "object" => [new JsonArray(), JsonValue.Create("{}"), JsonValue.Create(1), null],
            "array" => [new JsonObject(), JsonValue.Create("[]"), JsonValue.Create(1), null],
            _ => throw new NotSupportedException(type),
        };
        return candidates[_random.Next(candidates.Length)];
    }

    private string WrongEnumValue(JsonElement schema)
    {
        var values = schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal);
        var original = values.ElementAt(_random.Next(values.Count));
        string[] attempts =
        [
            original.ToLowerInvariant(), original.ToUpperInvariant(), original + " ", " " + original, original + "X", "Bogus",
        ];
        var wrong = attempts.Where(a => !values.Contains(a)).ToArray();
        return wrong[_random.Next(wrong.Length)];
    }
}
