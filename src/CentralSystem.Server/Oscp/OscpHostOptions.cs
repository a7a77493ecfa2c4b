namespace CentralSystem.Server.Oscp;

/// <summary>Host-side OSCP settings (section "Oscp"); the endpoint ones are read by <c>AddOscp</c>.</summary>
public sealed class OscpHostOptions
{
    public const string SectionName = "Oscp";

    /// <summary>How often UpdateGroupMeasurements goes to each capacity provider (ELMO expects 60 s; digest §5.1).</summary>
    public int MeasurementIntervalSeconds { get; set; } = 60;

    /// <summary>Per request (elmo-api uses 20 s, digest §9).</summary>
    public int RequestTimeoutSeconds { get; set; } = 20;

    public int RetryInitialSeconds { get; set; } = 2;

    public int RetryMaxSeconds { get; set; } = 300;

    /// <summary>How long measured load may stay above the envelope (chargers need time to apply profiles) before we report non-compliance.</summary>
    public int ComplianceGraceSeconds { get; set; } = 30;

    /// <summary>Report sessions paused because their minimum currents do not fit in the envelope as non-compliance (digest §8.4).</summary>
    public bool ReportPausedSessions { get; set; } = true;
}
