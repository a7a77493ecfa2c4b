namespace CentralSystem.SmartCharging.Topology;

/// <summary>A grid phase (conductor) as seen from the site's connection point.</summary>
public enum Phase
{
    L1 = 0,
    L2 = 1,
    L3 = 2,
}
