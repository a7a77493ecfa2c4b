namespace CentralSystem.SmartCharging.Composite;

/// <summary>OCPP charging profile purposes (1.6 ChargePointMaxProfile = ChargingStationMaxProfile).</summary>
public enum ChargingProfilePurpose
{
    ChargingStationMaxProfile,
    TxDefaultProfile,
    TxProfile,
    ChargingStationExternalConstraints,
}
