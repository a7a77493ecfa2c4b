using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Schemas;
using NJsonSchema;
using NJsonSchema.Validation;

namespace CentralSystem.Tests.Schemas;

// The validator we replaced, kept as the reference for differential tests and benchmarks. It
// reads the same embedded bundles as OcppSchemaRegistry.LoadOfficial.
public sealed class NJsonSchemaReference
{
    private readonly Dictionary<(OcppVersion Version, string Id), JsonSchema> _schemas;

    private NJsonSchemaReference(Dictionary<(OcppVersion, string), JsonSchema> schemas)
    {
        _schemas = schemas;
    }

    public static async Task<NJsonSchemaReference> LoadOfficialAsync()
    {
        var schemas = new Dictionary<(OcppVersion, string), JsonSchema>();
        foreach (var version in Enum.GetValues<OcppVersion>())
        {
            using var document = System.Text.Json.JsonDocument.Parse(OfficialBundles.Open(version));
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var schema = await JsonSchema.FromJsonAsync(element.GetRawText());
                schemas.Add((version, element.GetProperty("$id").GetString()!), schema);
            }
        }

        return new NJsonSchemaReference(schemas);
    }

    public JsonSchema Get(OcppVersion version, string id) => _schemas[(version, id)];

    public ICollection<ValidationError> Validate(OcppVersion version, string id, string json) =>
        _schemas[(version, id)].Validate(json);
}
