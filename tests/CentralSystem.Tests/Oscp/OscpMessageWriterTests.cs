using System.Text;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Validation;

namespace CentralSystem.Tests.Oscp;

[TestFixture]
public sealed class OscpMessageWriterTests
{
    [TestCaseSource(typeof(OscpSamples), nameof(OscpSamples.Valid))]
    public void Sample_round_trips_through_reader_and_writer(string fileName)
    {
        if (OscpSamples.ValidDirectory is null)
        {
            Assert.Inconclusive("../shared/data/oscp/valid is not present next to the repository");
        }

        var (kind, body) = OscpSamples.Load(fileName);
        var first = OscpMessageWriter.Write(OscpMessageReader.Read(kind, body).Message!);

        var reread = OscpMessageReader.Read(kind, first);

        Assert.That(reread.Error, Is.Null, Encoding.UTF8.GetString(first));
        Assert.That(Encoding.UTF8.GetString(OscpMessageWriter.Write(reread.Message!)), Is.EqualTo(Encoding.UTF8.GetString(first)));
    }

    [Test]
    public void Register_reply_is_written_in_wire_form()
    {
        var json = Encoding.UTF8.GetString(OscpMessageWriter.Write(
            new RegisterMessage("TOKEN_C", [new VersionUrl("2.0", new Uri("https://csms.example.com/oscp/fp/2.0"))])));

        Assert.That(json, Is.EqualTo("""{"token":"TOKEN_C","version_url":[{"version":"2.0","base_url":"https://csms.example.com/oscp/fp/2.0"}]}"""));
    }

    [Test]
    public void Acknowledge_always_carries_measurement_configuration_and_heartbeats_are_utc()
    {
        var ack = Encoding.UTF8.GetString(OscpMessageWriter.Write(new HandshakeAcknowledgeMessage(new RequiredBehaviour(60, []))));
        var heartbeat = Encoding.UTF8.GetString(OscpMessageWriter.Write(
            new HeartbeatMessage(new DateTimeOffset(2026, 3, 1, 18, 2, 0, TimeSpan.FromHours(8)))));

        Assert.That(ack, Is.EqualTo("""{"required_behaviour":{"heartbeat_interval":60,"measurement_configuration":[]}}"""));
        Assert.That(heartbeat, Is.EqualTo("""{"offline_mode_at":"2026-03-01T10:02:00.000Z"}"""));
    }

    [Test]
    public void Compliance_error_omits_absent_blocks()
    {
        var json = Encoding.UTF8.GetString(OscpMessageWriter.Write(new GroupCapacityComplianceErrorMessage("cannot reduce below 22 kW", null)));

        Assert.That(json, Is.EqualTo("""{"message":"cannot reduce below 22 kW"}"""));
    }
}
