using System.Text;
using BenchmarkDotNet.Attributes;
using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Benchmarks;

// Compiled validator vs NJsonSchema 10.7.2 (parse + validate, as the receive loop would call
// it) on realistic, valid payloads. The compiled one must not allocate on these.
[MemoryDiagnoser]
public class SchemaValidationBenchmarks
{
    private CompiledSchema _compiled = null!;
    private NJsonSchema.JsonSchema _reference = null!;
    private byte[] _utf8 = [];
    private string _text = "";

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    public static IEnumerable<string> Cases => SchemaBenchmarkPayloads.All.Keys;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var (version, action, payload) = SchemaBenchmarkPayloads.All[Case];
        _compiled = OcppSchemaRegistry.LoadOfficial().Find(version, action, PayloadKind.Request)
            ?? throw new InvalidOperationException(action + " not found");
        _reference = await NJsonSchemaBaseline.LoadAsync(version, _compiled.Id);
        _text = payload;
        _utf8 = Encoding.UTF8.GetBytes(payload);

        // A benchmark of a rejected payload would measure the wrong path.
        var ours = _compiled.Validate(_utf8);
        var theirs = _reference.Validate(_text);
        if (!ours.IsValid || theirs.Count != 0)
        {
            throw new InvalidOperationException($"{Case} is not valid: ours [{ours}], NJsonSchema [{string.Join("; ", theirs)}]");
        }
    }

    [Benchmark(Baseline = true)]
    public int NJsonSchema() => _reference.Validate(_text).Count;

    [Benchmark]
    public bool Compiled() => _compiled.Validate(_utf8).IsValid;
}
