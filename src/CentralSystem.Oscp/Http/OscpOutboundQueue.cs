using System.Threading.Channels;

namespace CentralSystem.Oscp.Http;

/// <summary>
/// The outbox as a channel: handlers enqueue after deciding their 204, one sender drains it (digest §1: never call
/// the peer back inside the request handler). Unbounded because OSCP volume is a few messages a minute per peer and
/// a dropped Register reply or acknowledgement would stall the peer.
/// </summary>
public sealed class OscpOutboundQueue : IOscpOutbox
{
    private readonly Channel<OscpOutboundMessage> _channel =
        Channel.CreateUnbounded<OscpOutboundMessage>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<OscpOutboundMessage> Reader => _channel.Reader;

    public void Enqueue(OscpOutboundMessage message)
    {
        if (!_channel.Writer.TryWrite(message))
        {
            throw new InvalidOperationException("the OSCP outbound queue is closed");
        }
    }

    public void Complete() => _channel.Writer.TryComplete();
}
