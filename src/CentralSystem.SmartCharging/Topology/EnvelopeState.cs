namespace CentralSystem.SmartCharging.Topology;

/// <summary>Lifecycle state of an envelope at a given instant, as far as the calculator can tell from its input.</summary>
public enum EnvelopeState
{
    Pending,
    Active,
    ActiveFallback,
    Expired,
    Withdrawn,
}
