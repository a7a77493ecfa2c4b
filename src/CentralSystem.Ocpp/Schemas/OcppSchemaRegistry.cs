using System.Text.Json;

namespace CentralSystem.Ocpp.Schemas;

// The compiled official schemas, one per (version, action, request/response). Build it once at
// start-up: compiling parses the bundles and fails on anything the validator cannot enforce.
public sealed class OcppSchemaRegistry
{
    private const string IdPrefix = "urn:";
    private const string RequestSuffix = ".req";
    private const string ResponseSuffix = ".conf";

    private static readonly (OcppVersion Version, string Resource)[] OfficialBundles =
    [
        (OcppVersion.V16, "Schemas.ocpp1.6.json"),
        (OcppVersion.V201, "Schemas.ocpp2.0.1.json"),
    ];

    // Indexed by Slot(version, kind); keys are action names as they appear in frames.
    private readonly Dictionary<string, CompiledSchema>[] _schemas;

    private OcppSchemaRegistry(Dictionary<string, CompiledSchema>[] schemas)
    {
        _schemas = schemas;
    }

    public IEnumerable<(OcppVersion Version, string Action, PayloadKind Kind, CompiledSchema Schema)> All =>
        from version in Enum.GetValues<OcppVersion>()
        from kind in Enum.GetValues<PayloadKind>()
        from entry in _schemas[Slot(version, kind)].OrderBy(e => e.Key, StringComparer.Ordinal)
        select (version, entry.Key, kind, entry.Value);

    public static OcppSchemaRegistry LoadOfficial()
    {
        var assembly = typeof(OcppSchemaRegistry).Assembly;
        var bundles = new List<(OcppVersion, Stream)>();
        try
        {
            foreach (var (version, resource) in OfficialBundles)
            {
                var stream = assembly.GetManifestResourceStream(resource)
                    ?? throw new SchemaCompilationException($"The embedded schema bundle {resource} is missing; it comes from schemas/ (npm ci).");
                bundles.Add((version, stream));
            }

            return Load(bundles);
        }
        finally
        {
            foreach (var (_, stream) in bundles)
            {
                stream.Dispose();
            }
        }
    }

    public static OcppSchemaRegistry Load(OcppVersion version, Stream bundle) => Load([(version, bundle)]);

    // bundle is a JSON array of draft-07 schemas whose "$id"s are "urn:{Action}.req" or
    // "urn:{Action}.conf". A version may appear once.
    public static OcppSchemaRegistry Load(IEnumerable<(OcppVersion Version, Stream Bundle)> bundles)
    {
        var slots = Enumerable.Range(0, Slot(OcppVersion.V201, PayloadKind.Response) + 1)
            .Select(_ => new Dictionary<string, CompiledSchema>(StringComparer.Ordinal))
            .ToArray();
        var loaded = new HashSet<OcppVersion>();
        foreach (var (version, bundle) in bundles)
        {
            if (!loaded.Add(version))
            {
                throw new ArgumentException($"Two bundles for {version}.", nameof(bundles));
            }

            using var document = JsonDocument.Parse(bundle);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new SchemaCompilationException($"The {version} bundle is not a JSON array of schemas.");
            }

            foreach (var element in document.RootElement.EnumerateArray())
            {
                var schema = SchemaCompiler.Compile(element);
                var (action, kind) = ParseId(schema.Id);
                if (!slots[Slot(version, kind)].TryAdd(action, schema))
                {
                    throw new SchemaCompilationException($"The {version} bundle has {schema.Id} twice.");
                }
            }
        }

        return new OcppSchemaRegistry(slots);
    }

    public CompiledSchema? Find(OcppVersion version, string action, PayloadKind kind) =>
        (uint)version <= (uint)OcppVersion.V201 && (uint)kind <= (uint)PayloadKind.Response
            && _schemas[Slot(version, kind)].TryGetValue(action, out var schema)
            ? schema
            : null;

    private static int Slot(OcppVersion version, PayloadKind kind) => ((int)version * 2) + (int)kind;

    private static (string Action, PayloadKind Kind) ParseId(string id)
    {
        if (id.StartsWith(IdPrefix, StringComparison.Ordinal))
        {
            if (id.EndsWith(RequestSuffix, StringComparison.Ordinal) && id.Length > IdPrefix.Length + RequestSuffix.Length)
            {
                return (id[IdPrefix.Length..^RequestSuffix.Length], PayloadKind.Request);
            }

            if (id.EndsWith(ResponseSuffix, StringComparison.Ordinal) && id.Length > IdPrefix.Length + ResponseSuffix.Length)
            {
                return (id[IdPrefix.Length..^ResponseSuffix.Length], PayloadKind.Response);
            }
        }

        throw new SchemaCompilationException($"Schema id {id} is not of the form urn:{{Action}}.req or urn:{{Action}}.conf.");
    }
}
