namespace CentralSystem.SmartCharging.Topology;

public enum SupplyType
{
    AC,
    DC,
}
