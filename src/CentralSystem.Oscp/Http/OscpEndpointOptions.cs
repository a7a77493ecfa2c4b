using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Validation;

namespace CentralSystem.Oscp.Http;

public sealed record OscpEndpointOptions
{
    /// <summary>Our Flexibility Provider base URL as peers must call it (sent in our Register reply).</summary>
    public required Uri OurBaseUrl { get; init; }

    /// <summary>Where <c>MapOscp()</c> serves the FP endpoints (digest §12 Q12: the first register URL is out-of-band).</summary>
    public string BasePath { get; init; } = OscpPaths.DefaultFlexibilityProviderBase;

    /// <summary>
    /// Digest §3.3: we can only notice a silent capacity provider if we ask it for heartbeats, so our
    /// HandshakeAcknowledge carries this interval. Null asks for none (then fallback never triggers).
    /// </summary>
    public int? HeartbeatIntervalWeAsk { get; init; } = 60;

    public OscpReaderOptions Reader { get; init; } = OscpReaderOptions.Default;

    public EnvelopeOptions Envelopes { get; init; } = new();
}
