using CentralSystem.SmartCharging.SiteFormat;
using CentralSystem.SmartCharging.Tests.Support;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Tests.SiteFormat;

public class SiteJsonTests
{
    [Test]
    public void Example_site_parses_with_every_section()
    {
        var site = SiteJson.Parse(TestFiles.ReadSite("depot-example.json"));
        Assert.Multiple(() =>
        {
            Assert.That(site.Id, Is.EqualTo("depot-north"));
            Assert.That(site.At, Is.EqualTo(new DateTimeOffset(2026, 11, 21, 16, 0, 0, TimeSpan.Zero)));
            Assert.That(site.Nodes, Has.Count.EqualTo(7));
            Assert.That(site.Evses, Has.Count.EqualTo(5));
            Assert.That(site.SiteLoads.Single().MeasuredCurrentA, Is.EqualTo(new PhaseValues(22, 18, 25)));
            Assert.That(site.SiteLoads.Single().ReservedCurrentA, Is.EqualTo(PhaseValues.Uniform(30)));
            Assert.That(site.Envelopes.Single().SourceRequestId, Is.EqualTo("oscp-req-4711"));
            Assert.That(site.Tariff, Has.Count.EqualTo(3));
            Assert.That(site.Settings.TelemetryMaxAge, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(site.Settings.PhaseSwitching.Mode, Is.EqualTo(PhaseSwitchMode.Both));
            Assert.That(site.Settings.PhaseSwitching.TimeHysteresis, Is.EqualTo(TimeSpan.FromMinutes(10)));
            Assert.That(site.Nodes.Single(n => n.Id == "ac-2").GridPhases, Is.EqualTo(new[] { Phase.L2, Phase.L3, Phase.L1 }));
            Assert.That(site.Evses.Single(e => e.Id == "dc-1/1").Supply, Is.EqualTo(SupplyType.DC));
        });
    }

    [Test]
    public void Defaults_fill_what_the_file_leaves_out()
    {
        var site = SiteJson.Parse("""{ "nodes": [ { "id": "s", "kind": "site" } ], "evses": [ { "id": "e", "parent": "s" } ] }""");
        var evse = site.Evses.Single();
        Assert.Multiple(() =>
        {
            Assert.That(site.Settings.NominalVoltageV, Is.EqualTo(230));
            Assert.That(evse.MinCurrentA, Is.EqualTo(6));
            Assert.That(evse.MaxCurrentA, Is.EqualTo(32));
            Assert.That(evse.Phases, Is.EqualTo(3));
            Assert.That(evse.Session, Is.Null);
        });
    }

    private static IEnumerable<TestCaseData> InvalidSites()
    {
        yield return new TestCaseData(
            """{ "nodes": [ { "id": "s", "kind": "site" }, { "id": "a", "parent": "b", "kind": "circuit" }, { "id": "b", "parent": "a", "kind": "circuit" } ] }""",
            "node 'a'", "cycle").SetName("cycle is rejected naming a node in it");
        yield return new TestCaseData(
            """{ "nodes": [ { "id": "s", "kind": "site" }, { "id": "f1", "parent": "nowhere", "kind": "circuit" } ] }""",
            "node 'f1'", "unknown parent 'nowhere'").SetName("unknown parent is rejected naming the node");
        yield return new TestCaseData(
            """{ "nodes": [ { "id": "s", "kind": "site" }, { "id": "feeder-2", "parent": "s", "kind": "circuit", "import": { "currentA": -5 } } ] }""",
            "node 'feeder-2'", "negative import").SetName("negative limit is rejected naming the node");
        yield return new TestCaseData(
            """{ "nodes": [ { "id": "s", "kind": "site" } ], "evses": [ { "id": "cp1/1", "parent": "s", "minCurrentA": 16, "maxCurrentA": 10 } ] }""",
            "EVSE 'cp1/1'", "minCurrentA 16 is greater than maxCurrentA 10").SetName("EVSE min above max is rejected naming the EVSE");
        yield return new TestCaseData(
            """{ "nodes": [ { "id": "s", "kind": "site" } ], "evses": [ { "id": "e1", "parent": "ghost" } ] }""",
            "EVSE 'e1'", "unknown parent 'ghost'").SetName("EVSE with unknown parent is rejected");
        yield return new TestCaseData(
            """{ "nodes": [ { "id": "s", "kind": "site" }, { "id": "s", "kind": "circuit", "parent": "s" } ] }""",
            "node 's'", "duplicate id").SetName("duplicate node id is rejected");
        yield return new TestCaseData(
            """{ "nodes": [ { "id": "s", "kind": "site" }, { "id": "t", "kind": "site" } ] }""",
            "node 't'", "second root").SetName("two roots are rejected");
        yield return new TestCaseData(
            """{ "nodes": [ { "id": "s", "kind": "site" }, { "id": "x", "kind": "circuit", "parent": "x" } ] }""",
            "node 'x'", "own parent").SetName("self-parent is rejected");
        yield return new TestCaseData(
            """{ "nodes": [ { "id": "s", "kind": "site", "import": { "curentA": 5 } } ] }""",
            "curentA", "$.nodes[0].import").SetName("unknown property (typo) is rejected with its path");
        yield return new TestCaseData(
            """{ "nodes": [ { "id": "s", "kind": "site" } ], "envelopes": [ { "id": "env", "node": "grid", "blocks": [] } ] }""",
            "envelope 'env'", "unknown node 'grid'").SetName("envelope on unknown node is rejected");
        yield return new TestCaseData(
            """{ "nodes": [ { "id": "s", "kind": "site", "gridPhases": ["L2"] } ], "evses": [ { "id": "e3", "parent": "s", "phases": 3 } ] }""",
            "EVSE 'e3'", "provides only 1").SetName("three-phase EVSE below a single-phase node is rejected");
        yield return new TestCaseData(
            """{ "nodes": [ { "id": "s", "kind": "site" } ], "evses": [ { "id": "d", "parent": "s", "supply": "DC" } ] }""",
            "EVSE 'd'", "maxPowerW").SetName("DC EVSE without a power rating is rejected");
        yield return new TestCaseData("""{ "nodes": [ """, "site JSON", string.Empty).SetName("malformed JSON is rejected");
    }

    [TestCaseSource(nameof(InvalidSites))]
    public void Invalid_site_is_rejected_with_a_message_naming_the_element(string json, string names, string says)
    {
        var ex = Assert.Throws<SiteValidationException>(() =>
        {
            var site = SiteJson.Parse(json);

            // Some checks (phase counts along the path) happen when the tree is compiled.
            CentralSystem.SmartCharging.Allocation.SmartChargingCalculator.Allocate(site, SiteBuilder.T0);
        });
        Assert.That(ex!.Message, Does.Contain(names).And.Contain(says));
    }

    [Test]
    public void Per_phase_values_accept_a_number_or_three_values()
    {
        var site = SiteJson.Parse("""
            { "nodes": [ { "id": "s", "kind": "site" } ],
              "siteLoads": [ { "id": "a", "node": "s", "reservedCurrentA": 7 }, { "id": "b", "node": "s", "reservedCurrentA": [1, 2, 3] } ] }
            """);
        Assert.That(site.SiteLoads.Select(l => l.ReservedCurrentA), Is.EqualTo(new PhaseValues?[] { PhaseValues.Uniform(7), new PhaseValues(1, 2, 3) }));
    }

    [TestCase("15m", 900)]
    [TestCase("24h", 86400)]
    [TestCase("1h30m", 5400)]
    [TestCase("PT15M", 900)]
    [TestCase("90", 90)]
    [TestCase("1d", 86400)]
    public void Durations(string text, double seconds)
    {
        Assert.That(DurationParser.TryParse(text, out var d), Is.True);
        Assert.That(d.TotalSeconds, Is.EqualTo(seconds));
    }

    [TestCase("")]
    [TestCase("fifteen")]
    [TestCase("15x")]
    [TestCase("-5m")]
    public void Bad_durations(string text) => Assert.That(DurationParser.TryParse(text, out _), Is.False);

    [Test]
    public void The_example_in_SITE_FORMAT_md_is_the_example_file()
    {
        var root = TestFiles.RepoRoot();
        if (root is null)
        {
            Assert.Inconclusive("repository root not found");
        }

        var doc = File.ReadAllText(Path.Combine(root!, "src", "CentralSystem.SmartCharging", "SITE-FORMAT.md"));
        var start = doc.IndexOf("```json", doc.IndexOf("## Complete example", StringComparison.Ordinal), StringComparison.Ordinal) + "```json".Length;
        var json = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        var file = TestFiles.ReadSite("depot-example.json");
        Assert.That(file, Does.EndWith(json.TrimStart('\n')));
        Assert.That(SiteJson.Parse(json).Evses, Has.Count.EqualTo(5));
    }

    [Test]
    public void Write_then_parse_round_trips()
    {
        var site = SiteJson.Parse(TestFiles.ReadSite("depot-example.json"));
        var written = SiteJson.Write(site);
        var again = SiteJson.Parse(written);
        var at = site.At!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(SiteJson.Write(again), Is.EqualTo(written));
            Assert.That(
                CentralSystem.SmartCharging.Allocation.SmartChargingCalculator.Allocate(again, at).Evses.Select(e => e.PowerW),
                Is.EqualTo(CentralSystem.SmartCharging.Allocation.SmartChargingCalculator.Allocate(site, at).Evses.Select(e => e.PowerW)));
        });
    }
}
