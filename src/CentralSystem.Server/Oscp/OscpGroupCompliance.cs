namespace CentralSystem.Server.Oscp;

/// <summary>Measured import below a group's node against what its envelope allows now (null when no envelope applies).</summary>
public sealed record OscpGroupCompliance(string GroupId, DateTimeOffset At, double? MeasuredW, double? AllowedW, bool Compliant)
{
    public string? Reason { get; init; }

    /// <summary>Since when the measured load has been above the allowed one (null while compliant).</summary>
    public DateTimeOffset? ExceededSince { get; init; }
}
