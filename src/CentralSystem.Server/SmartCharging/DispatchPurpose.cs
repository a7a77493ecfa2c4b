namespace CentralSystem.Server.SmartCharging;

/// <summary>What a dispatched profile is for; each maps to an OCPP purpose, stack level and profile id.</summary>
public enum DispatchPurpose
{
    /// <summary>Per EVSE, bound to the running transaction (connector-based strategy).</summary>
    TxProfile,

    /// <summary>ChargePointMaxProfile (1.6) / ChargingStationMaxProfile (2.0.1) on connector/EVSE 0 (charger-based strategy).</summary>
    StationMax,

    /// <summary>TxDefaultProfile on connector/EVSE 0 without validTo, installed on boot (connector-based strategy).</summary>
    SafeTxDefault,

    /// <summary>Station max at stack level 0 without validTo, installed on boot (charger-based strategy).</summary>
    SafeStationMax,
}
