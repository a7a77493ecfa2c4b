using CentralSystem.Oscp.Envelopes;

namespace CentralSystem.Oscp.Registration;

/// <summary>
/// Known deviations of one peer, kept outside the core protocol handling (digest §2: SolarNetwork and BetterFleet keep
/// such a "connection profile" per partner). The defaults are plain OSCP 2.0.
/// </summary>
public sealed record OscpPeerProfile
{
    public static OscpPeerProfile Default { get; } = new();

    /// <summary>Path suffix our HandshakeAcknowledge goes to (pyoscp serves <c>handshake_acknowledgment</c>, digest §12 Q1).</summary>
    public string HandshakeAcknowledgePath { get; init; } = Http.OscpPaths.HandshakeAcknowledge;

    /// <summary>Send <c>{}</c> as HandshakeAcknowledge body (the ELMO profile expects it, digest §3.2) instead of our required behaviour.</summary>
    public bool EmptyHandshakeAcknowledge { get; init; }

    /// <summary>How a new forecast replaces stored blocks of its (group, type) (digest §12 Q7); null uses the server default.</summary>
    public ForecastReplacement? Replacement { get; init; }

    /// <summary>Whether this peer gets UpdateGroupMeasurements at all (some capacity providers do not want them).</summary>
    public bool SendMeasurements { get; init; } = true;
}
