namespace CentralSystem.Server.SmartCharging;

public sealed record EvseBinding(string EvseId, int OcppEvseId);
