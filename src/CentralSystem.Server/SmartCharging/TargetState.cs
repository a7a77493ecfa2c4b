namespace CentralSystem.Server.SmartCharging;

/// <summary>Dispatcher bookkeeping for one target; guarded by the dispatcher's lock.</summary>
internal sealed class TargetState(TargetKey key, string siteId)
{
    public TargetKey Key { get; } = key;

    public string SiteId { get; set; } = siteId;

    /// <summary>What the charger should hold.</summary>
    public ProfileSpec? Desired { get; set; }

    /// <summary>What was last sent (whatever the answer): the baseline for the hysteresis.</summary>
    public ProfileSpec? Sent { get; set; }

    public string Status { get; set; } = "Pending";

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>When to send <see cref="Desired"/> (again); null = nothing to do.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? ValidTo { get; set; }
}
