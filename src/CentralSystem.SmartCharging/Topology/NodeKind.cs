namespace CentralSystem.SmartCharging.Topology;

/// <summary>The role of an inner node of the site tree (EVSEs are the leaves and have their own type).</summary>
public enum NodeKind
{
    Site,
    GridConnection,
    Circuit,
    ChargerGroup,
    Charger,
}
