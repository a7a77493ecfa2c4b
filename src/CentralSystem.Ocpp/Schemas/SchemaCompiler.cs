using System.Globalization;
using System.Text.Json;

namespace CentralSystem.Ocpp.Schemas;

// Turns one draft-07 schema (a JsonElement, start-up only) into a SchemaNode tree. Only the
// keywords the official OCPP bundles use are implemented; anything else throws, because
// ignoring a constraint would accept payloads the official schema rejects.
internal sealed partial class SchemaCompiler
{
    private const string DefinitionsPrefix = "#/definitions/";

    private readonly string _id;
    private readonly JsonElement _root;
    private readonly Dictionary<string, SchemaNode> _resolved = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolving = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly Dictionary<string, int> _nameIds = new(StringComparer.Ordinal);

    private SchemaCompiler(string id, JsonElement root)
    {
        _id = id;
        _root = root;
    }

    public static CompiledSchema Compile(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object
            || !schema.TryGetProperty("$id", out var idElement)
            || idElement.GetString() is not { Length: > 0 } id)
        {
            throw new SchemaCompilationException("Every schema in a bundle must be an object with an \"$id\".");
        }

        var compiler = new SchemaCompiler(id, schema);
        if (!schema.TryGetProperty("$schema", out var dialect)
            || dialect.GetString()?.Contains("draft-07", StringComparison.Ordinal) != true)
        {
            throw compiler.Unsupported("#", "a \"$schema\" other than draft-07");
        }

        SchemaNode root;
        if (schema.TryGetProperty("$ref", out var rootReference))
        {
            foreach (var keyword in schema.EnumerateObject())
            {
                if (keyword.Name is not ("$ref" or "$id" or "$schema" or "definitions") && !SchemaKeywords.IsAnnotation(keyword.Name))
                {
                    throw compiler.Unsupported("#", "\"" + keyword.Name + "\" beside \"$ref\"");
                }
            }

            root = compiler.Resolve(rootReference.GetString() ?? "", "#");
            compiler._resolved["#"] = root;
        }
        else
        {
            // Registered before it is filled, so that "$ref": "#" can point back at it.
            root = new SchemaNode();
            compiler._resolved["#"] = root;
            compiler.Fill(root, schema, "#");
        }

        // Definitions nobody references are compiled too, so that an unsupported keyword
        // anywhere in the bundle fails start-up rather than the day it starts being used.
        if (schema.TryGetProperty("definitions", out var definitions))
        {
            foreach (var definition in definitions.EnumerateObject())
            {
                compiler.Resolve(DefinitionsPrefix + EscapePointer(definition.Name), "#/definitions");
            }
        }

        return new CompiledSchema(id, root, [.. compiler._names]);
    }

    private SchemaNode CompileSchema(JsonElement schema, string pointer)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Unsupported(pointer, "a boolean schema");
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            // Draft-07 ignores keywords beside $ref; refuse rather than guess what was meant.
            foreach (var keyword in schema.EnumerateObject())
            {
                if (keyword.Name != "$ref" && !SchemaKeywords.IsAnnotation(keyword.Name))
                {
                    throw Unsupported(pointer, "\"" + keyword.Name + "\" beside \"$ref\"");
                }
            }

            return Resolve(reference.GetString() ?? throw Unsupported(pointer, "a non-string \"$ref\""), pointer);
        }

        var node = new SchemaNode();
        Fill(node, schema, pointer);
        return node;
    }

    private SchemaNode Resolve(string reference, string pointer)
    {
        if (_resolved.TryGetValue(reference, out var resolved))
        {
            return resolved;
        }

        if (!reference.StartsWith(DefinitionsPrefix, StringComparison.Ordinal))
        {
            throw Unsupported(pointer, "\"$ref\": \"" + reference + "\" (only \"#\" and \"#/definitions/...\")");
        }

        var name = UnescapePointer(reference[DefinitionsPrefix.Length..]);
        if (!_root.TryGetProperty("definitions", out var definitions)
            || !definitions.TryGetProperty(name, out var definition))
        {
            throw new SchemaCompilationException($"{_id}: \"$ref\": \"{reference}\" at {pointer} does not resolve.");
        }

        if (!_resolving.Add(reference))
        {
            throw new SchemaCompilationException($"{_id}: \"$ref\": \"{reference}\" is a cycle of references.");
        }

        SchemaNode node;
        if (definition.ValueKind == JsonValueKind.Object && definition.TryGetProperty("$ref", out _))
        {
            node = CompileSchema(definition, reference);
        }
        else
        {
            // Registered before it is filled, so a definition may refer to itself.
            node = new SchemaNode();
            _resolved[reference] = node;
            if (definition.ValueKind != JsonValueKind.Object)
            {
                throw Unsupported(reference, "a boolean schema");
            }

            Fill(node, definition, reference);
        }

        _resolving.Remove(reference);
        _resolved[reference] = node;
        return node;
    }

    private void Fill(SchemaNode node, JsonElement schema, string pointer)
    {
        var keywords = new SchemaKeywords();
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!keywords.TryRead(keyword, pointer == "#"))
            {
                throw Unsupported(pointer, "the keyword \"" + keyword.Name + "\"");
            }
        }

        node.Types = keywords.Types is { } types ? ParseTypes(types, pointer) : JsonTypes.Any;
        var enumValues = keywords.Enum is { } enumElement ? ParseEnum(enumElement, pointer) : null;
        if (enumValues is not null)
        {
            // Only strings can equal a string enum value.
            node.Types &= JsonTypes.String;
        }

        if (keywords.Properties is not null || keywords.Required is not null || keywords.AdditionalProperties is not null)
        {
            node.Object = CompileObject(keywords, pointer);
        }

        if (keywords.Items is not null || keywords.AdditionalItems is not null || keywords.MinItems is not null || keywords.MaxItems is not null)
        {
            node.Array = CompileArray(keywords, pointer);
        }

        if (keywords.MaxLength is not null || enumValues is not null || keywords.Format is not null)
        {
            node.String = new StringRules(
                ReadCount(keywords.MaxLength, pointer, "maxLength"),
                enumValues,
                ParseFormat(keywords.Format, pointer));
        }

        if (keywords.Minimum is not null || keywords.Maximum is not null || keywords.MultipleOf is not null)
        {
            var multipleOf = ReadDecimal(keywords.MultipleOf, pointer, "multipleOf");
            if (multipleOf <= 0)
            {
                throw Unsupported(pointer, "a \"multipleOf\" that is not positive");
            }

            node.Number = new NumberRules(
                ReadDecimal(keywords.Minimum, pointer, "minimum"),
                ReadDecimal(keywords.Maximum, pointer, "maximum"),
                multipleOf);
        }
    }

    private ObjectRules CompileObject(SchemaKeywords keywords, string pointer)
    {
        var declared = keywords.Properties is { } properties
            ? properties.EnumerateObject().ToList()
            : [];
        if (declared.Count > ObjectRules.MaxProperties)
        {
            throw Unsupported(pointer, $"more than {ObjectRules.MaxProperties} properties");
        }

        var compiled = new ObjectRules.Property[declared.Count];
        for (var i = 0; i < declared.Count; i++)
        {
            var name = declared[i].Name;
            var node = CompileSchema(declared[i].Value, pointer + "/properties/" + EscapePointer(name));
            compiled[i] = new ObjectRules.Property(name, NameId(name), node);
        }

        ulong requiredMask = 0;
        if (keywords.Required is { } required)
        {
            if (required.ValueKind != JsonValueKind.Array)
            {
                throw Unsupported(pointer, "a \"required\" that is not an array");
            }

            foreach (var name in required.EnumerateArray())
            {
                var index = declared.FindIndex(p => name.ValueKind == JsonValueKind.String && p.Name == name.GetString());
                if (index < 0)
                {
                    // With additionalProperties false such a property could never be present.
                    throw Unsupported(pointer, "a required property that \"properties\" does not declare");
                }

                requiredMask |= 1UL << index;
            }
        }

        var allowAdditional = keywords.AdditionalProperties?.ValueKind switch
        {
            null or JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Unsupported(pointer, "\"additionalProperties\" as a schema"),
        };

        return new ObjectRules(compiled, requiredMask, allowAdditional);
    }

    private ArrayRules CompileArray(SchemaKeywords keywords, string pointer)
    {
        SchemaNode? items = null;
        SchemaNode[]? tuple = null;
        switch (keywords.Items?.ValueKind)
        {
            case null:
                break;
            case JsonValueKind.Array:
                tuple = keywords.Items.Value.EnumerateArray()
                    .Select((item, i) => CompileSchema(item, pointer + "/items/" + i.ToString(CultureInfo.InvariantCulture)))
                    .ToArray();
                break;
            default:
                items = CompileSchema(keywords.Items.Value, pointer + "/items");
                break;
        }

        SchemaNode? additionalItems = null;
        var allowAdditionalItems = true;
        switch (keywords.AdditionalItems?.ValueKind)
        {
            case null or JsonValueKind.True:
                break;
            case JsonValueKind.False:
                allowAdditionalItems = false;
                break;
            default:
                additionalItems = CompileSchema(keywords.AdditionalItems.Value, pointer + "/additionalItems");
                break;
        }

        return new ArrayRules(
            items,
            tuple,
            additionalItems,
            allowAdditionalItems,
            ReadCount(keywords.MinItems, pointer, "minItems") ?? 0,
            ReadCount(keywords.MaxItems, pointer, "maxItems") ?? int.MaxValue);
    }

    private int NameId(string name)
    {
        if (!_nameIds.TryGetValue(name, out var id))
        {
            id = _names.Count;
            _names.Add(name);
            _nameIds[name] = id;
        }

        return id;
    }

    private SchemaCompilationException Unsupported(string pointer, string what) =>
        new($"{_id}: {what} at {pointer} is not supported by the compiled validator.");

    private static string EscapePointer(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string UnescapePointer(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}
