namespace CentralSystem.SmartCharging.Composite;

public enum ChargingProfileKind
{
    Absolute,
    Recurring,
    Relative,
}
