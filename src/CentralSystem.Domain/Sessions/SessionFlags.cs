namespace CentralSystem.Domain.Sessions;

/// <summary>Accounting anomalies recorded on a session instead of being silently "fixed" or rejected.</summary>
public static class SessionFlags
{
    /// <summary>meterStop &lt; meterStart: energy is left empty rather than stored negative (SteVe #1297).</summary>
    public const string MeterStopBelowMeterStart = "MeterStopBelowMeterStart";

    /// <summary>A second stop with different values arrived for a completed session; it was not counted (SteVe #1293).</summary>
    public const string ConflictingDuplicateStop = "ConflictingDuplicateStop";

    /// <summary>A new transaction started on the connector while this one was still open: closed at the last reading.</summary>
    public const string ImplicitlyClosed = "ImplicitlyClosed";

    /// <summary>The register jump is physically impossible for the duration (e.g. an offline Begin of 0, CitrineOS #1060).</summary>
    public const string ImplausibleEnergy = "ImplausibleEnergy";

    public const string StopBeforeStart = "StopBeforeStart";

    /// <summary>Transaction events arrived without a Started event (lost or never sent).</summary>
    public const string StartedImplicitly = "StartedImplicitly";
}
