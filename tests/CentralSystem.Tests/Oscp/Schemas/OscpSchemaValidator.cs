using System.Collections.Concurrent;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Validation;
using NJsonSchema;

namespace CentralSystem.Tests.Oscp.Schemas;

/// <summary>
/// Validates bodies against our embedded schemas with NJsonSchema 10.7.2 (test-only dependency: the runtime keeps
/// the hand-written reader). Parsed schemas are cached per name; JsonSchema validation is thread-safe once built.
/// </summary>
internal static class OscpSchemaValidator
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Cache = new(StringComparer.Ordinal);

    public static JsonSchema Load(string name) =>
        Cache.GetOrAdd(name, n => new Lazy<JsonSchema>(() => JsonSchema.FromJsonAsync(OscpJsonSchemas.Get(n)).GetAwaiter().GetResult())).Value;

    /// <summary>The schema errors for a body; a body that is not JSON is one error, as the reader refuses it too.</summary>
    public static IReadOnlyList<string> Errors(OscpMessageKind kind, string body) => Errors(OscpJsonSchemas.NameOf(kind), body);

    public static IReadOnlyList<string> Errors(string name, string body)
    {
        try
        {
            return [.. Load(name).Validate(body).Select(e => e.ToString())];
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            return [$"not JSON: {ex.Message}"];
        }
    }
}
