using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Validation;

namespace CentralSystem.Tests.Oscp.Schemas;

/// <summary>
/// Differential tests: OscpMessageReader (the runtime validator) and our JSON schemas under NJsonSchema 10.7.2 must
/// each give the verdict the case expects. They may differ only where the case names a <see cref="KnownDifference"/>.
/// </summary>
[TestFixture]
public sealed class OscpSchemaDifferentialTests
{
    // The generated corpus is in the thousands; a much smaller one means the generator lost a branch.
    private const int MinimumCorpus = 2_000;

    public static IEnumerable<TestCaseData> Cases() =>
        Corpus().Select(c => new TestCaseData(c).SetName($"Schema_vs_reader({Shorten(c.Name)})"));

    [TestCaseSource(nameof(Cases))]
    public void Reader_and_schema_give_the_expected_verdicts(OscpSchemaCase testCase)
    {
        var reader = OscpMessageReader.Read(testCase.Kind, testCase.Body);
        var schemaErrors = OscpSchemaValidator.Errors(testCase.Kind, testCase.Body);

        Assert.Multiple(() =>
        {
            Assert.That(reader.IsValid, Is.EqualTo(testCase.ReaderAccepts), $"reader: {reader.Error ?? "accepted"}\nbody: {testCase.Body}");
            Assert.That(schemaErrors.Count == 0, Is.EqualTo(testCase.SchemaAccepts), $"schema: [{string.Join("; ", schemaErrors)}]\nbody: {testCase.Body}");
            if (testCase.Difference == KnownDifference.VersionNegotiation)
            {
                Assert.That(reader.StatusCode, Is.EqualTo(501), "no common version is 501, not 400 (digest §3.1)");
            }
            else if (!testCase.ReaderAccepts)
            {
                Assert.That(reader.StatusCode, Is.EqualTo(400));
            }
        });
    }

    [Test]
    public void Every_known_difference_is_exercised()
    {
        // Most mutations start from the shared sample messages; without them the corpus is too small to say.
        if (OscpSamples.ValidDirectory is null)
        {
            Assert.Ignore("samples missing (../shared/data/oscp/valid)");
        }

        var used = Corpus().Select(c => c.Difference).OfType<KnownDifference>().ToHashSet();

        Assert.That(Enum.GetValues<KnownDifference>().Where(d => !used.Contains(d)), Is.Empty, "an unused entry would excuse a future disagreement unseen");
    }

    [Test]
    public void Existing_invalid_table_has_no_stale_exceptions()
    {
        Assert.That(OscpExistingInvalidCases.StaleEntries(OscpExistingInvalidCases.All()), Is.Empty);
    }

    [Test]
    public void Corpus_is_large_and_names_are_unique()
    {
        if (OscpSamples.ValidDirectory is null)
        {
            Assert.Inconclusive("../shared/data/oscp/valid is not present next to the repository");
        }

        var cases = Corpus();
        var duplicates = cases.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.That(duplicates, Is.Empty);
        Assert.That(cases, Has.Count.GreaterThanOrEqualTo(MinimumCorpus));
        Assert.That(cases.Select(c => c.Kind).Distinct(), Is.EquivalentTo(Enum.GetValues<OscpMessageKind>()));
        TestContext.Out.WriteLine(
            $"{cases.Count} cases: {cases.Count(c => c.ReaderAccepts && c.SchemaAccepts)} valid, "
            + $"{cases.Count(c => !c.ReaderAccepts && !c.SchemaAccepts)} refused by both, "
            + $"{cases.Count(c => c.Difference is not null)} known differences");
    }

    // Every valid sample, every mutation of it, the hand-written cases and the reader's own invalid table.
    private static List<OscpSchemaCase> Corpus()
    {
        var cases = new List<OscpSchemaCase>();
        if (OscpSamples.ValidDirectory is { } directory)
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal))
            {
                var (kind, body) = OscpSamples.Load(file!);
                cases.Add(OscpSchemaCase.Valid($"{file}: as is", kind, body));
                cases.AddRange(OscpMutationCorpus.Generate(file!, kind, body));
            }
        }

        cases.AddRange(OscpHandWrittenCases.All());
        cases.AddRange(OscpExistingInvalidCases.All());
        return cases;
    }

    // NUnit shows names with parentheses and dots oddly in filters; keep them readable and bounded.
    private static string Shorten(string name) => (name.Length > 150 ? name[..150] : name).Replace('(', '[').Replace(')', ']');
}
