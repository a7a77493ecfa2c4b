using System.Text.Json;
using CentralSystem.SmartCharging.Cli;
using CentralSystem.SmartCharging.Tests.Support;

namespace CentralSystem.SmartCharging.Tests.Cli;

public class AllocateCommandTests
{
    private const string Minimal = """
        { "id": "mini", "at": "2026-11-21T10:00:00Z",
          "nodes": [ { "id": "site", "kind": "site", "import": { "currentA": 32 } } ],
          "evses": [ { "id": "e1", "parent": "site", "session": {} }, { "id": "e2", "parent": "site", "session": {} } ] }
        """;

    private static (int Code, string Out, string Err) Run(string[] args, string? site = Minimal, DateTimeOffset? now = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = AllocateCommand.Run(args, path => site ?? throw new FileNotFoundException("no such file", path), stdout, stderr, now);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public void Prints_allocations_with_lineage_as_json()
    {
        var (code, output, _) = Run(["--site", "site.json"]);
        Assert.That(code, Is.EqualTo(AllocateCommand.Ok));
        using var doc = JsonDocument.Parse(output);
        var allocations = doc.RootElement.GetProperty("allocations");
        Assert.Multiple(() =>
        {
            Assert.That(doc.RootElement.GetProperty("at").GetString(), Is.EqualTo("2026-11-21T10:00:00Z"));
            Assert.That(allocations.GetArrayLength(), Is.EqualTo(2));
            Assert.That(allocations[0].GetProperty("limit").GetProperty("value").GetDouble(), Is.EqualTo(16));
            Assert.That(allocations[0].GetProperty("lineage")[0].GetProperty("kind").GetString(), Is.EqualTo("nodeLimit"));
            Assert.That(allocations[0].GetProperty("lineage")[0].GetProperty("node").GetString(), Is.EqualTo("site"));
            Assert.That(doc.RootElement.TryGetProperty("schedule", out _), Is.False);
        });
    }

    [Test]
    public void Horizon_adds_the_schedule()
    {
        var (code, output, _) = Run(["--site", "site.json", "--horizon", "24h", "--interval", "15m"]);
        Assert.That(code, Is.Zero);
        using var doc = JsonDocument.Parse(output);
        var schedule = doc.RootElement.GetProperty("schedule");
        Assert.Multiple(() =>
        {
            Assert.That(schedule.GetProperty("intervals").GetInt32(), Is.EqualTo(96));
            Assert.That(schedule.GetProperty("evses")[0].GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDouble(), Is.EqualTo(16));
        });
    }

    [Test]
    public void Inline_argument_values_and_at_override_the_site_instant()
    {
        var (code, output, _) = Run(["--site=site.json", "--at=2026-11-22T08:30:00Z"]);
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("\"at\": \"2026-11-22T08:30:00Z\""));
    }

    [Test]
    public void Host_supplied_now_is_used_when_neither_argument_nor_file_has_an_instant()
    {
        var site = Minimal.Replace("\"at\": \"2026-11-21T10:00:00Z\",", string.Empty, StringComparison.Ordinal);
        var (code, output, _) = Run(["--site", "s.json"], site, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("2030-01-01T00:00:00Z"));
    }

    [Test]
    public void Missing_instant_is_an_error_asking_for_at()
    {
        var site = Minimal.Replace("\"at\": \"2026-11-21T10:00:00Z\",", string.Empty, StringComparison.Ordinal);
        var (code, _, error) = Run(["--site", "s.json"], site);
        Assert.That(code, Is.EqualTo(AllocateCommand.BadArguments));
        Assert.That(error, Does.Contain("--at"));
    }

    [TestCase(new string[0], "--site is required")]
    [TestCase(new[] { "--site" }, "--site needs a value")]
    [TestCase(new[] { "--site", "s.json", "--bogus" }, "unknown argument '--bogus'")]
    [TestCase(new[] { "--site", "s.json", "--at", "yesterday" }, "not an ISO 8601 instant")]
    [TestCase(new[] { "--site", "s.json", "--horizon", "soon" }, "not a positive duration")]
    [TestCase(new[] { "--site", "s.json", "--interval", "15m" }, "--interval needs --horizon")]
    [TestCase(new[] { "--site", "s.json", "--horizon", "1h", "--interval", "2h" }, "longer than --horizon")]
    [TestCase(new[] { "--site", "s.json", "--horizon", "365d", "--interval", "1s" }, "more than 20000 intervals")]
    public void Bad_arguments_exit_2_with_a_message(string[] args, string message)
    {
        var (code, _, error) = Run(args);
        Assert.That(code, Is.EqualTo(AllocateCommand.BadArguments));
        Assert.That(error, Does.Contain(message).And.Contain("usage:"));
    }

    [Test]
    public void Unreadable_file_exits_1()
    {
        var (code, _, error) = Run(["--site", "missing.json"], site: null);
        Assert.That(code, Is.EqualTo(AllocateCommand.InvalidSite));
        Assert.That(error, Does.Contain("cannot read site file 'missing.json'"));
    }

    [Test]
    public void Invalid_site_exits_1_naming_the_node()
    {
        var site = """{ "at": "2026-11-21T10:00:00Z", "nodes": [ { "id": "s", "kind": "site" }, { "id": "feeder-9", "parent": "s", "kind": "circuit", "import": { "currentA": -1 } } ] }""";
        var (code, output, error) = Run(["--site", "s.json"], site);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(AllocateCommand.InvalidSite));
            Assert.That(error, Does.Contain("node 'feeder-9'"));
            Assert.That(output, Is.Empty);
        });
    }

    [Test]
    public void Help_prints_usage()
    {
        var (code, output, _) = Run(["--help"]);
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("usage: allocate"));
    }

    [Test]
    public void Example_site_file_runs_end_to_end()
    {
        var (code, output, error) = Run(["--site", "depot-example.json", "--horizon", "24h"], TestFiles.ReadSite("depot-example.json"));
        Assert.That(code, Is.Zero, error);
        using var doc = JsonDocument.Parse(output);
        Assert.That(doc.RootElement.GetProperty("allocations").GetArrayLength(), Is.EqualTo(5));
    }
}
