namespace CentralSystem.Oscp.Http;

/// <summary>The outbound queue (retries and backoff live behind it). Enqueue never calls the peer inline.</summary>
public interface IOscpOutbox
{
    void Enqueue(OscpOutboundMessage message);
}
