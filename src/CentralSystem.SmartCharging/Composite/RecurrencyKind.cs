namespace CentralSystem.SmartCharging.Composite;

public enum RecurrencyKind
{
    Daily,
    Weekly,
}
