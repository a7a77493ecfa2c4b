using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Tests.Schemas;

// Our compiled validator against NJsonSchema 10.7.2 on a seeded corpus generated from every
// schema of both official bundles: the two must agree on validity for every instance, and for a
// mutated instance our first violation must be the rule the mutation broke.
//
// Cases where the libraries legitimately differ are not generated (see InstanceGenerator and
// KnownDifferencesTests): code points vs UTF-16 units for maxLength on non-BMP text, date-time
// and uri strings outside the subset both accept, duplicate property names, lone surrogate
// escapes, and the JSON syntax only Newtonsoft's lenient reader accepts.
[TestFixture]
public sealed class DifferentialTests
{
    private const int Seed = 16_2_01;
    private const int RandomValidPerSchema = 160;
    private const int MutationsPerKind = 20;
    private const int MinimumCorpus = 50_000;
    private const int ReportedFailures = 25;

    [Test]
    public async Task Compiled_validator_agrees_with_NJsonSchema_on_generated_corpus()
    {
        var registry = OcppSchemaRegistry.LoadOfficial();
        var reference = await NJsonSchemaReference.LoadOfficialAsync();
        var schemas = (
            from version in Enum.GetValues<OcppVersion>()
            from schema in OfficialBundles.Schemas(version).OrderBy(s => s.Key, StringComparer.Ordinal)
            select (version, schema.Key, schema.Value)).ToList();
        var stopwatch = Stopwatch.StartNew();

        // One seed per schema keeps the corpus identical however the schemas are scheduled.
        var runs = new SchemaRun[schemas.Count];
        Parallel.For(0, schemas.Count, i =>
        {
            var (version, id, json) = schemas[i];
            var compiled = registry.All.Single(s => s.Version == version && s.Schema.Id == id).Schema;
            runs[i] = Run(version, id, json, compiled, reference, new Random(Seed + i));
        });

        var counts = runs.SelectMany(r => r.Counts)
            .GroupBy(c => c.Key)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Label: g.Key, Count: g.Sum(c => c.Value)))
            .ToList();
        var total = counts.Sum(c => c.Count);
        TestContext.Out.WriteLine(
            $"Differential corpus: {total} instances from {schemas.Count} schemas in {stopwatch.Elapsed.TotalSeconds:F1} s (seed {Seed}): "
            + string.Join(", ", counts.Select(c => $"{c.Label} {c.Count}")));

        Assert.That(runs.SelectMany(r => r.Failures).Take(ReportedFailures), Is.Empty);
        Assert.That(total, Is.GreaterThanOrEqualTo(MinimumCorpus));
    }

    private static SchemaRun Run(
        OcppVersion version, string id, JsonElement schema, CompiledSchema compiled, NJsonSchemaReference reference, Random random)
    {
        var run = new SchemaRun();
        var generator = new InstanceGenerator(schema, random);
        var mutator = new InstanceMutator(generator, random);

        void Check(GeneratedInstance instance, SchemaViolationKind? expected)
        {
            var json = instance.ToJson(escapeNonAscii: random.Next(4) == 0);
            var ours = compiled.Validate(Encoding.UTF8.GetBytes(json));
            var theirs = reference.Validate(version, id, json);
            var label = expected?.ToString() ?? "Valid";
            run.Counts[label] = run.Counts.GetValueOrDefault(label) + 1;

            var agree = ours.IsValid == (theirs.Count == 0);
            var asExpected = expected is null ? ours.IsValid : !ours.IsValid && ours.Violations[0].Kind == expected;
            if (!agree || !asExpected)
            {
                run.Failures.Add($"{version} {id} expected {label}: ours [{ours}] NJsonSchema [{string.Join("; ", theirs)}] json {json}");
            }
        }

        Check(generator.Generate(GenerationMode.Minimal), null);
        Check(generator.Generate(GenerationMode.Maximal), null);
        for (var i = 0; i < RandomValidPerSchema; i++)
        {
            Check(generator.Generate(GenerationMode.Random), null);
        }

        foreach (var kind in InstanceMutator.Kinds)
        {
            for (var i = 0; i < MutationsPerKind; i++)
            {
                // Random instances leave optional parts out; fall back to a rich one when the
                // random one has nothing this mutation could break.
                var instance = generator.Generate(GenerationMode.Random);
                if (!mutator.TryMutate(instance, kind))
                {
                    instance = generator.Generate(GenerationMode.Rich);
                    if (!mutator.TryMutate(instance, kind))
                    {
                        break;
                    }
                }

                Check(instance, kind);
            }
        }

        return run;
    }

    private sealed class SchemaRun
    {
        public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

        public List<string> Failures { get; } = [];
    }
}
