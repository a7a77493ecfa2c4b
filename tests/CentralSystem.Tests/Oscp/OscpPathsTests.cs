using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Messages;

namespace CentralSystem.Tests.Oscp;

[TestFixture]
public sealed class OscpPathsTests
{
    [TestCase("register", OscpMessageKind.Register)]
    [TestCase("handshake", OscpMessageKind.Handshake)]
    [TestCase("handshake_acknowledge", OscpMessageKind.HandshakeAcknowledge)]
    [TestCase("handshake_acknowledgment", OscpMessageKind.HandshakeAcknowledge)]
    [TestCase("handshake_acknowledgement", OscpMessageKind.HandshakeAcknowledge)]
    [TestCase("heartbeat", OscpMessageKind.Heartbeat)]
    [TestCase("update_group_capacity_forecast", OscpMessageKind.UpdateGroupCapacityForecast)]
    public void Q1_inbound_suffixes_including_known_misspellings(string suffix, OscpMessageKind kind)
    {
        Assert.That(OscpPaths.TryResolveInbound(suffix, out var resolved), Is.True);
        Assert.That(resolved, Is.EqualTo(kind));
    }

    [TestCase("update_group_measurements")]
    [TestCase("Handshake")]
    [TestCase("handshake_ack")]
    public void Messages_a_flexibility_provider_does_not_receive_are_unknown(string suffix)
    {
        Assert.That(OscpPaths.TryResolveInbound(suffix, out _), Is.False);
    }

    [Test]
    public void Outbound_uses_the_canonical_spelling()
    {
        Assert.That(OscpPaths.Outbound(OscpMessageKind.HandshakeAcknowledge), Is.EqualTo("handshake_acknowledge"));
        Assert.That(OscpPaths.Outbound(OscpMessageKind.GroupCapacityComplianceError), Is.EqualTo("group_capacity_compliance_error"));
    }
}
