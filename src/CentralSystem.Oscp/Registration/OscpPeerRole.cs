namespace CentralSystem.Oscp.Registration;

/// <summary>OSCP roles that may call our Flexibility Provider endpoint (digest §0).</summary>
public enum OscpPeerRole
{
    CapacityProvider,
    CapacityOptimizer,
}
