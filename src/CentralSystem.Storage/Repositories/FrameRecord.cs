namespace CentralSystem.Storage.Repositories;

public sealed record FrameRecord(long Id, string ChargerId, string Direction, DateTimeOffset At, string Frame);
