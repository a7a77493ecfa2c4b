using System.Text;
using System.Text.Json.Nodes;
using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Tests.Schemas;

// Compiles hand-written schemas through the public loading path.
internal static class TestSchemas
{
    public static CompiledSchema Compile(string schemaJson)
    {
        var schema = JsonNode.Parse(schemaJson)!.AsObject();
        schema.Insert(0, "$id", "urn:Test.req");
        if (!schema.ContainsKey("$schema"))
        {
            schema.Insert(1, "$schema", "http://json-schema.org/draft-07/schema");
        }

        return Load(new JsonArray(schema).ToJsonString()).Find(OcppVersion.V16, "Test", PayloadKind.Request)!;
    }

    public static OcppSchemaRegistry Load(string bundleJson)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(bundleJson));
        return OcppSchemaRegistry.Load(OcppVersion.V16, stream);
    }

    public static SchemaValidationResult Validate(this CompiledSchema schema, string json) =>
        schema.Validate(Encoding.UTF8.GetBytes(json));

    public static SchemaViolationKind[] Kinds(this SchemaValidationResult result) =>
        result.Violations.Select(v => v.Kind).ToArray();
}
