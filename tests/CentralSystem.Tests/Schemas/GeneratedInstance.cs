using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CentralSystem.Tests.Schemas;

// A generated value and where it sits: Parent is null for the payload itself, otherwise the
// JsonObject (Property) or JsonArray (Index) that holds it. Schema is already $ref-resolved.
public sealed record Site(JsonElement Schema, JsonNode? Parent, string? Property, int Index, JsonNode? Value);

public sealed class GeneratedInstance
{
    // Default escapes all non-ASCII as \uXXXX; relaxed writes it as raw UTF-8. Both are used so
    // that the escaped and the unescaped string paths of the validator are exercised.
    private static readonly JsonSerializerOptions Escaped = new() { Encoder = JavaScriptEncoder.Default };
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public GeneratedInstance(JsonNode? root, List<Site> sites)
    {
        Root = root;
        Sites = sites;
    }

    public JsonNode? Root { get; private set; }

    public List<Site> Sites { get; }

    public void Replace(Site site, JsonNode? value)
    {
        switch (site.Parent)
        {
            case null:
                Root = value;
                break;
            case JsonObject obj:
                obj[site.Property!] = value;
                break;
            case JsonArray array:
                array[site.Index] = value;
                break;
        }
    }

    public string ToJson(bool escapeNonAscii) =>
        Root is null ? "null" : Root.ToJsonString(escapeNonAscii ? Escaped : Raw);
}
