using System.Text.Json;

namespace CentralSystem.Ocpp.Schemas;

// The keywords of one schema object, gathered before compiling it.
internal sealed class SchemaKeywords
{
    public JsonElement? Types { get; private set; }

    public JsonElement? Properties { get; private set; }

    public JsonElement? Required { get; private set; }

    public JsonElement? AdditionalProperties { get; private set; }

    public JsonElement? Items { get; private set; }

    public JsonElement? AdditionalItems { get; private set; }

    public JsonElement? MinItems { get; private set; }

    public JsonElement? MaxItems { get; private set; }

    public JsonElement? MaxLength { get; private set; }

    public JsonElement? Enum { get; private set; }

    public JsonElement? Format { get; private set; }

    public JsonElement? Minimum { get; private set; }

    public JsonElement? Maximum { get; private set; }

    public JsonElement? MultipleOf { get; private set; }

    // Annotations have no effect on validation.
    public static bool IsAnnotation(string keyword) =>
        keyword is "description" or "default" or "title" or "$comment" or "examples";

    // False for a keyword the compiled validator does not implement.
    public bool TryRead(JsonProperty keyword, bool isRoot)
    {
        var value = keyword.Value;
        switch (keyword.Name)
        {
            case "type": Types = value; break;
            case "properties": Properties = value.ValueKind == JsonValueKind.Object ? value : null; return Properties is not null;
            case "required": Required = value; break;
            case "additionalProperties": AdditionalProperties = value; break;
            case "items": Items = value; break;
            case "additionalItems": AdditionalItems = value; break;
            case "minItems": MinItems = value; break;
            case "maxItems": MaxItems = value; break;
            case "maxLength": MaxLength = value; break;
            case "enum": Enum = value; break;
            case "format": Format = value; break;
            case "minimum": Minimum = value; break;
            case "maximum": Maximum = value; break;
            case "multipleOf": MultipleOf = value; break;

            // A nested "$id" would change the base URI that "$ref"s resolve against.
            case "$id" or "$schema" or "definitions": return isRoot;

            default: return IsAnnotation(keyword.Name);
        }

        return true;
    }
}
