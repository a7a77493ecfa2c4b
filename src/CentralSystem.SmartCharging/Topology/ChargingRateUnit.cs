namespace CentralSystem.SmartCharging.Topology;

/// <summary>Unit of a charging limit: amps per phase (A) or total watts (W), as in OCPP's ChargingRateUnit.</summary>
public enum ChargingRateUnit
{
    A,
    W,
}
