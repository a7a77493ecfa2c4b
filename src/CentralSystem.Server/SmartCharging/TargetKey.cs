namespace CentralSystem.Server.SmartCharging;

/// <summary>One profile slot on a charger: EVSE 0 is the charger itself.</summary>
public readonly record struct TargetKey(string ChargerId, int EvseId, DispatchPurpose Purpose);
