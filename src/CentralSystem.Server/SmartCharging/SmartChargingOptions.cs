namespace CentralSystem.Server.SmartCharging;

/// <summary>Dispatch tuning, bound from the "SmartCharging" section.</summary>
public sealed class SmartChargingOptions
{
    public const string SectionName = "SmartCharging";

    /// <summary>Triggers arriving within this window are folded into one recalculation.</summary>
    public int DebounceMilliseconds { get; set; } = 200;

    /// <summary>Every site is recalculated at least this often (telemetry going stale, envelopes starting or ending).</summary>
    public int PeriodicSeconds { get; set; } = 30;

    /// <summary>validTo of dynamic profiles: a charger that loses the central system falls back to its safe default after this.</summary>
    public int ProfileValidityMinutes { get; set; } = 15;

    /// <summary>Installed as TxDefault / station max on boot when the charger node has no safeImport (per phase).</summary>
    public double DefaultSafeCurrentA { get; set; } = 6;

    /// <summary>Delay after a BootNotification before the safe default is sent (the boot answer must go out first).</summary>
    public int BootDelayMilliseconds { get; set; } = 1000;

    /// <summary>First retry delay of a rejected or undeliverable profile; doubles per attempt up to <see cref="MaxRetrySeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 2;

    public double MaxRetrySeconds { get; set; } = 60;

    /// <summary>Increases smaller than this are not sent (reductions always are).</summary>
    public double HysteresisA { get; set; } = 1;

    public double HysteresisW { get; set; } = 500;
}
