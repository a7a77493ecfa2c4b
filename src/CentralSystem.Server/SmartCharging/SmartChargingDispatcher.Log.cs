namespace CentralSystem.Server.SmartCharging;

public sealed partial class SmartChargingDispatcher
{
    [LoggerMessage(EventId = 4401, Level = LogLevel.Error, Message = "Smart charging: loading stored sites failed")]
    private partial void LogLoadFailed(Exception exception);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Warning, Message = "Smart charging: stored site {SiteId} is invalid and is not dispatched: {Problems}")]
    private partial void LogStoredSiteInvalid(string siteId, string problems);

    [LoggerMessage(EventId = 4403, Level = LogLevel.Error, Message = "Smart charging: recalculation pass failed")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(EventId = 4404, Level = LogLevel.Warning, Message = "Smart charging: site {SiteId} cannot be calculated: {Problems}")]
    private partial void LogSiteInvalid(string siteId, string problems);

    [LoggerMessage(EventId = 4405, Level = LogLevel.Information, Message = "Smart charging: {ChargePointId} booted, installing safe default {Profile}")]
    private partial void LogSafeDefaultQueued(string chargePointId, ProfileSpec profile);

    [LoggerMessage(EventId = 4406, Level = LogLevel.Debug, Message = "Smart charging: {ChargePointId} accepted {Profile}")]
    private partial void LogProfileAccepted(string chargePointId, ProfileSpec profile);

    [LoggerMessage(EventId = 4407, Level = LogLevel.Warning, Message = "Smart charging: {ChargePointId} did not accept {Profile}: {Status} {Error} (attempt {Attempts}, will retry)")]
    private partial void LogProfileNotAccepted(string chargePointId, ProfileSpec profile, string status, string? error, int attempts);

    [LoggerMessage(EventId = 4408, Level = LogLevel.Error, Message = "Smart charging: sending profiles to {ChargePointId} failed")]
    private partial void LogFlushFailed(Exception exception, string chargePointId);

    [LoggerMessage(EventId = 4409, Level = LogLevel.Error, Message = "Smart charging: recording the profile sent to {ChargePointId} failed")]
    private partial void LogRecordFailed(Exception exception, string chargePointId);

    [LoggerMessage(EventId = 4420, Level = LogLevel.Information, Message = "Smart charging: {ChargePointId} accepts rate unit {Unit} (empty: both or unknown)")]
    private partial void LogRateUnit(string chargePointId, CentralSystem.SmartCharging.Topology.ChargingRateUnit? unit);

    [LoggerMessage(EventId = 4421, Level = LogLevel.Warning, Message = "Smart charging: asking {ChargePointId} for its rate unit failed")]
    private partial void LogRateUnitProbeFailed(Exception exception, string chargePointId);
}
