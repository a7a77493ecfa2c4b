using System.Text.Json;
using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Tests.Schemas;

// The raw embedded bundles, for code that must read the schemas independently of our compiler.
public static class OfficialBundles
{
    public static Stream Open(OcppVersion version) =>
        typeof(OcppSchemaRegistry).Assembly.GetManifestResourceStream(
            version == OcppVersion.V16 ? "Schemas.ocpp1.6.json" : "Schemas.ocpp2.0.1.json")
        ?? throw new InvalidOperationException("Embedded schema bundle missing.");

    // Every schema of a version by "$id", as independent JsonElements.
    public static IReadOnlyDictionary<string, JsonElement> Schemas(OcppVersion version)
    {
        using var stream = Open(version);
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateArray()
            .ToDictionary(e => e.GetProperty("$id").GetString()!, e => e.Clone(), StringComparer.Ordinal);
    }
}
