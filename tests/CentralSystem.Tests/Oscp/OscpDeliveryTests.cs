using CentralSystem.Oscp;
using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Registration;
using Microsoft.Extensions.DependencyInjection;

namespace CentralSystem.Tests.Oscp;

[TestFixture]
public sealed class OscpDeliveryTests
{
    [TestCase(204, OscpDeliveryOutcome.Delivered)]
    [TestCase(null, OscpDeliveryOutcome.Retry)]
    [TestCase(500, OscpDeliveryOutcome.Retry)]
    [TestCase(503, OscpDeliveryOutcome.Retry)]
    [TestCase(429, OscpDeliveryOutcome.Retry)]
    [TestCase(408, OscpDeliveryOutcome.Retry)]
    [TestCase(200, OscpDeliveryOutcome.Rejected)]
    [TestCase(400, OscpDeliveryOutcome.Rejected)]
    [TestCase(404, OscpDeliveryOutcome.Rejected)]
    [TestCase(422, OscpDeliveryOutcome.Rejected)]
    [TestCase(501, OscpDeliveryOutcome.Rejected)]
    [TestCase(401, OscpDeliveryOutcome.NeedsOperator)]
    [TestCase(403, OscpDeliveryOutcome.NeedsOperator)]
    public void Only_204_is_delivered(int? status, OscpDeliveryOutcome expected)
    {
        Assert.That(OscpDeliveryPolicy.Classify(status), Is.EqualTo(expected));
    }

    [TestCase(2, 5)]
    [TestCase(3, 10)]
    [TestCase(4, 20)]
    [TestCase(10, 300)]
    [TestCase(1000, 300)]
    public void Backoff_doubles_up_to_the_cap(int attempt, int seconds)
    {
        Assert.That(OscpDeliveryPolicy.Backoff(attempt, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5)), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [Test]
    public async Task Queue_hands_messages_to_its_reader_in_order()
    {
        var queue = new OscpOutboundQueue();
        queue.Enqueue(new OscpOutboundMessage("dso", OscpMessageKind.Heartbeat, new HeartbeatMessage(DateTimeOffset.UnixEpoch), null));
        queue.Enqueue(new OscpOutboundMessage("dso", OscpMessageKind.Handshake, new HandshakeMessage(null), null));
        queue.Complete();

        var kinds = new List<OscpMessageKind>();
        await foreach (var message in queue.Reader.ReadAllAsync())
        {
            kinds.Add(message.Kind);
        }

        Assert.That(kinds, Is.EqualTo(new[] { OscpMessageKind.Heartbeat, OscpMessageKind.Handshake }));
    }

    [Test]
    public void AddOscp_resolves_the_processor_and_shares_the_queue_as_outbox()
    {
        using var provider = new ServiceCollection()
            .AddOscp(new OscpEndpointOptions { OurBaseUrl = new Uri("https://csms.example.com/oscp/fp/2.0") })
            .BuildServiceProvider();

        Assert.That(provider.GetRequiredService<CentralSystem.Oscp.OscpFlexibilityProvider>(), Is.Not.Null);
        Assert.That(provider.GetRequiredService<IOscpOutbox>(), Is.SameAs(provider.GetRequiredService<OscpOutboundQueue>()));
        Assert.That(provider.GetRequiredService<OscpPeerRegistry>(), Is.Not.Null);
    }
}
