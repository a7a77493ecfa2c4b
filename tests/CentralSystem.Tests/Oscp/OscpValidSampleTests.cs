using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Validation;

namespace CentralSystem.Tests.Oscp;

[TestFixture]
public sealed class OscpValidSampleTests
{
    [TestCaseSource(typeof(OscpSamples), nameof(OscpSamples.Valid))]
    public void Sample_is_accepted(string fileName)
    {
        if (OscpSamples.ValidDirectory is null)
        {
            Assert.Inconclusive("../shared/data/oscp/valid is not present next to the repository");
        }

        var (kind, body) = OscpSamples.Load(fileName);

        var result = OscpMessageReader.Read(kind, body);

        Assert.That(result.Error, Is.Null, fileName);
        Assert.That(result.StatusCode, Is.EqualTo(204));
        Assert.That(result.IsValid, Is.True);
    }

    [Test]
    public void Every_sample_file_is_covered()
    {
        if (OscpSamples.ValidDirectory is null)
        {
            Assert.Inconclusive("../shared/data/oscp/valid is not present next to the repository");
        }

        // Digest §10 lists 23 valid samples; a shrinking directory would silently weaken the suite.
        Assert.That(Directory.GetFiles(OscpSamples.ValidDirectory!, "*.json"), Has.Length.GreaterThanOrEqualTo(23));
    }

    [Test]
    public void Forecast_is_read_with_typed_values()
    {
        const string body = """
            {"group_id":"site-42","type":"FALLBACK_CONSUMPTION","forecasted_blocks":[
              {"capacity":32,"phase":"ALL","unit":"A","start_time":"2026-03-01T01:00:00+01:00","end_time":"2026-03-02T00:00:00Z"}]}
            """;

        var message = (GroupCapacityForecastMessage)OscpMessageReader.Read(OscpMessageKind.UpdateGroupCapacityForecast, body).Message!;

        Assert.That(message.GroupId, Is.EqualTo("site-42"));
        Assert.That(message.Type, Is.EqualTo(CapacityForecastType.FallbackConsumption));
        var block = message.ForecastedBlocks.Single();
        Assert.That(block.Capacity, Is.EqualTo(32));
        Assert.That(block.Unit, Is.EqualTo(CapacityUnit.A));
        Assert.That(block.Phase, Is.EqualTo(PhaseIndicator.All));
        Assert.That(block.StartTime, Is.EqualTo(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Handshake_interval_is_rounded_up_to_whole_seconds()
    {
        var message = (HandshakeMessage)OscpMessageReader.Read(
            OscpMessageKind.Handshake,
            """{"required_behaviour":{"heartbeat_interval":59.2,"measurement_configuration":["CONTINUOUS"]}}""").Message!;

        Assert.That(message.RequiredBehaviour!.HeartbeatIntervalSeconds, Is.EqualTo(60));
        Assert.That(message.RequiredBehaviour.MeasurementConfiguration, Is.EqualTo(new[] { MeasurementConfiguration.Continuous }));
    }

    [TestCase("{}")]
    [TestCase("""{"required_behaviour":null}""")]
    public void Handshake_without_behaviour_means_no_requirements(string body)
    {
        var message = (HandshakeMessage)OscpMessageReader.Read(OscpMessageKind.Handshake, body).Message!;

        Assert.That(message.RequiredBehaviour, Is.Null);
    }

    [Test]
    public void Register_keeps_every_offered_version()
    {
        var message = (RegisterMessage)OscpMessageReader.Read(
            OscpMessageKind.Register,
            """{"token":"T","version_url":[{"version":"2.1","base_url":"https://x/oscp/cp/2.1"},{"version":"2.0","base_url":"https://x/oscp/cp/2.0"}]}""").Message!;

        Assert.That(message.VersionUrls.Select(v => v.Version), Is.EqualTo(new[] { "2.1", "2.0" }));
        Assert.That(message.VersionUrls[1].BaseUrl, Is.EqualTo(new Uri("https://x/oscp/cp/2.0")));
    }

    [Test]
    public void Mixed_units_are_accepted_when_the_profile_allows_them()
    {
        const string body = """
            {"group_id":"g","type":"CONSUMPTION","forecasted_blocks":[
              {"capacity":32,"phase":"ALL","unit":"A","start_time":"2026-03-01T00:00:00Z","end_time":"2026-03-01T01:00:00Z"},
              {"capacity":20,"phase":"ALL","unit":"KW","start_time":"2026-03-01T01:00:00Z","end_time":"2026-03-01T02:00:00Z"}]}
            """;

        var strict = OscpMessageReader.Read(OscpMessageKind.UpdateGroupCapacityForecast, body);
        var lenient = OscpMessageReader.Read(OscpMessageKind.UpdateGroupCapacityForecast, body, new OscpReaderOptions { RejectMixedUnits = false });

        Assert.That(strict.StatusCode, Is.EqualTo(400));
        Assert.That(lenient.IsValid, Is.True);
    }

    [Test]
    public void Empty_group_measurements_are_accepted_when_the_profile_allows_them()
    {
        var result = OscpMessageReader.Read(
            OscpMessageKind.UpdateGroupMeasurements,
            """{"group_id":"g","measurements":[]}""",
            new OscpReaderOptions { AllowEmptyGroupMeasurements = true });

        Assert.That(result.IsValid, Is.True);
    }
}
