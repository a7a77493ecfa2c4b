namespace CentralSystem.Domain.Sessions;

/// <summary>
/// The accounting rules that real chargers need (duplicate and late stops, meter anomalies, retries, missing stop
/// reasons). Pure: callers load the session, ask for a decision, and persist it.
/// </summary>
public static class SessionAccounting
{
    /// <summary>OCPP 1.6 StopTransaction.req and 2.0.1 TransactionEvent: the stop reason may be omitted only when it is Local.</summary>
    public const string DefaultStopReason = "Local";

    /// <summary>
    /// Upper bound used for plausibility: no single EVSE on a depot delivers more than this. A register jump beyond
    /// it for the session's duration means the start value is wrong (typically an offline "Begin" of 0).
    /// </summary>
    public const decimal MaxPlausiblePowerW = 1_000_000m;

    public static StopDecision DecideStop(ChargingSession? session, SessionStopReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (session is null)
        {
            return new StopDecision(StopDecisionKind.UnknownTransaction, null);
        }

        if (session.Status == SessionStatus.Completed)
        {
            var same = session.StoppedAt == report.StoppedAt && session.MeterStopWh == (report.MeterStopWh ?? session.MeterStopWh);
            return new StopDecision(same ? StopDecisionKind.Retry : StopDecisionKind.ConflictingDuplicate, null);
        }

        var flags = new List<string>(session.Flags);
        var meterStop = report.MeterStopWh ?? session.LastMeterWh;
        var energy = ComputeEnergy(session, meterStop, report.StoppedAt, flags);
        if (report.StoppedAt < session.StartedAt)
        {
            AddFlag(flags, SessionFlags.StopBeforeStart);
        }

        var reason = string.IsNullOrEmpty(report.Reason) ? DefaultStopReason : report.Reason;
        return new StopDecision(StopDecisionKind.Complete, new SessionCompletion(report.StoppedAt, meterStop, energy, reason, flags));
    }

    /// <summary>Closes a session that was never stopped because the connector started another one.</summary>
    public static SessionCompletion CloseImplicitly(ChargingSession session, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(session);
        var flags = new List<string>(session.Flags);
        AddFlag(flags, SessionFlags.ImplicitlyClosed);
        var energy = ComputeEnergy(session, session.LastMeterWh, at, flags);
        return new SessionCompletion(at, session.LastMeterWh, energy, "Other", flags);
    }

    /// <summary>A 1.6 StartTransaction that repeats an earlier one (its response was lost) must get the same transaction.</summary>
    public static bool IsRetryOfStart(ChargingSession existing, int connectorId, string idToken, DateTimeOffset startedAt, decimal meterStartWh)
    {
        ArgumentNullException.ThrowIfNull(existing);
        return existing.ConnectorId == connectorId
            && string.Equals(existing.IdToken, idToken, StringComparison.Ordinal)
            && existing.StartedAt == startedAt
            && existing.MeterStartWh == meterStartWh;
    }

    private static decimal? ComputeEnergy(ChargingSession session, decimal? meterStop, DateTimeOffset stoppedAt, List<string> flags)
    {
        var start = session.MeterStartWh ?? session.FirstMeterWh;
        if (start is null || meterStop is null)
        {
            return null;
        }

        if (meterStop < start)
        {
            AddFlag(flags, SessionFlags.MeterStopBelowMeterStart);
            return null;
        }

        var energy = meterStop.Value - start.Value;
        if (!IsPlausible(energy, session.StartedAt, stoppedAt))
        {
            AddFlag(flags, SessionFlags.ImplausibleEnergy);

            // The first register read inside the session is a better start than an implausible one.
            if (session.FirstMeterWh is { } first && first <= meterStop && first != start)
            {
                var fromFirst = meterStop.Value - first;
                return IsPlausible(fromFirst, session.StartedAt, stoppedAt) ? fromFirst : null;
            }

            return null;
        }

        return energy;
    }

    private static bool IsPlausible(decimal energyWh, DateTimeOffset from, DateTimeOffset to)
    {
        var hours = (decimal)Math.Max((to - from).TotalHours, 0) + (1m / 60m);
        return energyWh <= MaxPlausiblePowerW * hours;
    }

    private static void AddFlag(List<string> flags, string flag)
    {
        if (!flags.Contains(flag))
        {
            flags.Add(flag);
        }
    }
}
