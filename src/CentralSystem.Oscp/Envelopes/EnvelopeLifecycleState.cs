namespace CentralSystem.Oscp.Envelopes;

/// <summary>The operating-envelope lifecycle of the seed ("Operating-Envelope Lifecycle"), per OSCP group.</summary>
public enum EnvelopeLifecycleState
{
    /// <summary>No forecast stored (before the first one, or after all were pruned).</summary>
    None,
    Received,
    Pending,
    Active,
    FallbackEligible,
    ActiveFallback,
    Expired,
    Withdrawn,
}
