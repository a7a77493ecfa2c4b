namespace CentralSystem.SmartCharging.Topology;

/// <summary>Whether an operating envelope comes straight from its source or from a fallback policy (source silent).</summary>
public enum EnvelopeQuality
{
    Fresh,
    Fallback,
}
