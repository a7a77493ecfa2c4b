namespace CentralSystem.SmartCharging.Topology;

/// <summary>How the central system turns a charger's allocation into OCPP charging profiles (seed 001 names both).</summary>
public enum DispatchStrategy
{
    /// <summary>One TxProfile per EVSE with an active transaction.</summary>
    Connector,

    /// <summary>One ChargePointMaxProfile (1.6) / ChargingStationMaxProfile (2.0.1) for the charger's total.</summary>
    Charger,
}
