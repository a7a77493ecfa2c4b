namespace CentralSystem.SmartCharging.Topology;

public enum ChargingDirection
{
    /// <summary>Grid → vehicle.</summary>
    Charge,

    /// <summary>Vehicle → grid (V2G); allocated against export limits.</summary>
    Discharge,
}
