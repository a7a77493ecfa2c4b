using System.Text.Json;
using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Schemas;
using NJsonSchema;

namespace CentralSystem.Benchmarks;

// Loads one official schema into NJsonSchema, the validator the compiled one replaces. The tests
// project has the full reference (NJsonSchemaReference); it is not referenced from here because
// its test platform packages would give this executable a second entry point.
internal static class NJsonSchemaBaseline
{
    public static async Task<JsonSchema> LoadAsync(OcppVersion version, string id)
    {
        var resource = version == OcppVersion.V16 ? "Schemas.ocpp1.6.json" : "Schemas.ocpp2.0.1.json";
        await using var stream = typeof(OcppSchemaRegistry).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException(resource + " is not embedded.");
        using var bundle = await JsonDocument.ParseAsync(stream);
        var schema = bundle.RootElement.EnumerateArray().Single(s => s.GetProperty("$id").GetString() == id);
        return await JsonSchema.FromJsonAsync(schema.GetRawText());
    }
}
