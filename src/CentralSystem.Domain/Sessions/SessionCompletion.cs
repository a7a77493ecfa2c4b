namespace CentralSystem.Domain.Sessions;

/// <summary>The values a session is closed with.</summary>
public sealed record SessionCompletion(
    DateTimeOffset StoppedAt,
    decimal? MeterStopWh,
    decimal? EnergyWh,
    string StopReason,
    IReadOnlyList<string> Flags);
