using NJsonSchema;

namespace CentralSystem.Tests.Schemas;

// Where our validator and NJsonSchema 10.7.2 legitimately disagree, each pinned with both
// verdicts so that a change on either side is noticed. The differential corpus generates none
// of these inputs; everything else it must agree on.
[TestFixture]
public sealed class KnownDifferencesTests
{
    private const string SchemaJson = """
        {
          "$schema": "http://json-schema.org/draft-07/schema",
          "type": "object",
          "properties": {
            "short": { "type": "string", "maxLength": 3 },
            "text": { "type": "string" },
            "count": { "type": "integer" },
            "limit": { "type": "number", "multipleOf": 0.1 },
            "timestamp": { "type": "string", "format": "date-time" },
            "location": { "type": "string", "format": "uri" }
          },
          "additionalProperties": false
        }
        """;

    private static readonly Lazy<CentralSystem.Ocpp.Schemas.CompiledSchema> Compiled = new(() => TestSchemas.Compile(SchemaJson));

    private static readonly Lazy<JsonSchema> Reference = new(() => JsonSchema.FromJsonAsync(SchemaJson).GetAwaiter().GetResult());

    private static IEnumerable<TestCaseData> Differences()
    {
        // draft-07 maxLength counts code points; NJsonSchema counts UTF-16 units (string.Length).
        yield return Case("""{"short":"😀😀😀"}""", ours: true, theirs: false, "maxLength beyond the BMP");

        // RFC 3339 requires an offset and allows lower-case t/z, any number of fractional digits
        // and leap seconds; NJsonSchema parses with DateTimeOffset.TryParseExact format lists.
        yield return Case("""{"timestamp":"2024-05-01T12:30:00"}""", ours: false, theirs: true, "date-time without offset");
        yield return Case("""{"timestamp":"2024-05-01"}""", ours: false, theirs: true, "date only");
        yield return Case("""{"timestamp":"2024"}""", ours: false, theirs: true, "year only");
        yield return Case("""{"timestamp":"2024-05-01 12:30:00Z"}""", ours: false, theirs: true, "space separator");
        yield return Case("""{"timestamp":"2024-05-01T12:30:00+0200"}""", ours: false, theirs: true, "offset without colon");
        yield return Case("""{"timestamp":"2024-05-01T12:30:00.Z"}""", ours: false, theirs: true, "empty fraction");
        yield return Case("""{"timestamp":"2024-05-01t12:30:00z"}""", ours: true, theirs: false, "lower-case t and z");
        yield return Case("""{"timestamp":"2024-05-01T12:30:00.123456789Z"}""", ours: true, theirs: false, "more than 7 fractional digits");
        yield return Case("""{"timestamp":"1998-12-31T23:59:60Z"}""", ours: true, theirs: false, "leap second");

        // We check RFC 3986 lexically; NJsonSchema asks System.Uri, which accepts IRIs.
        yield return Case("""{"location":"http://exämple.com/fw.bin"}""", ours: false, theirs: true, "IRI");
        yield return Case("""{"location":"x:"}""", ours: true, theirs: false, "empty hier-part");

        // NJsonSchema keeps the last of duplicate names; we reject the payload.
        yield return Case("""{"short":"too long","short":"ok"}""", ours: false, theirs: true, "duplicate property");

        // We reject unpaired surrogate escapes; .NET strings can hold them.
        yield return Case("""{"text":"\ud800"}""", ours: false, theirs: true, "lone surrogate");

        // Beyond decimal range we check multipleOf in double (1e300 / 0.1 is integral there);
        // NJsonSchema computes 1e300 % 0.1 in double, which is not 0.
        yield return Case("""{"limit":1E300}""", ours: true, theirs: false, "multipleOf beyond decimal range");

        // Newtonsoft reads only the first value and tolerates non-JSON syntax.
        yield return Case("""{} trailing""", ours: false, theirs: true, "trailing data");
        yield return Case("""{'short':'ok'}""", ours: false, theirs: true, "single quotes");
        yield return Case("""{"count":1,}""", ours: false, theirs: true, "trailing comma");
        yield return Case("""{"count":01}""", ours: false, theirs: true, "leading zero");
        yield return Case("""{"count":1 /* c */}""", ours: false, theirs: true, "comment");
    }

    // Choices where we deliberately do what NJsonSchema does, not what draft-07 alone says.
    private static IEnumerable<TestCaseData> Alignments()
    {
        // draft-07 calls 5.0 an integer; both reject it (System.Text.Json cannot bind it to int).
        yield return Case("""{"count":5.0}""", ours: false, theirs: false, "integer with fraction");
        yield return Case("""{"count":1E2}""", ours: false, theirs: false, "integer with exponent");

        // Digits past the 15th are floating-point noise to both.
        yield return Case("""{"limit":0.30000000000000004}""", ours: true, theirs: true, "multipleOf with double noise");
        yield return Case("""{"limit":0.3000000000001}""", ours: false, theirs: false, "multipleOf with a real digit");
    }

    [TestCaseSource(nameof(Differences))]
    [TestCaseSource(nameof(Alignments))]
    public void Verdicts_are_as_documented(string payload, bool ours, bool theirs)
    {
        Assert.That(Compiled.Value.Validate(payload).IsValid, Is.EqualTo(ours), "ours");
        Assert.That(Reference.Value.Validate(payload).Count == 0, Is.EqualTo(theirs), "NJsonSchema");
    }

    private static TestCaseData Case(string payload, bool ours, bool theirs, string name) =>
        new TestCaseData(payload, ours, theirs).SetArgDisplayNames(name);
}
