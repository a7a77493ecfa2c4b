using CentralSystem.Domain.Metering;

namespace CentralSystem.Domain.Sessions;

/// <summary>Applies charger transaction messages to sessions using <see cref="SessionAccounting"/>'s rules.</summary>
public sealed class SessionService(ISessionRepository sessions)
{
    public const string ContextTransactionBegin = "Transaction.Begin";
    public const string ContextTransactionEnd = "Transaction.End";

    public Task<ChargingSession?> FindAsync(string chargerId, string transactionId, CancellationToken cancellationToken) =>
        sessions.FindByTransactionAsync(chargerId, transactionId, cancellationToken);

    /// <summary>Starts a session, or returns the one a retried start already created.</summary>
    public async Task<ChargingSession> StartAsync(NewSession start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var active = await sessions.FindActiveOnConnectorAsync(start.ChargerId, start.EvseId, start.ConnectorId, cancellationToken);
        if (active is not null)
        {
            var isRetry = start.TransactionId is null
                ? start.ConnectorId is { } connector && start.IdToken is { } token && start.MeterStartWh is { } meter
                    && SessionAccounting.IsRetryOfStart(active, connector, token, start.StartedAt, meter)
                : active.TransactionId == start.TransactionId;
            if (isRetry)
            {
                return active;
            }

            // The connector never reported the old session's end (SteVe #292): close it rather than leave it open forever.
            await sessions.CompleteAsync(active.Id, SessionAccounting.CloseImplicitly(active, start.StartedAt), cancellationToken);
            await sessions.RecordAccountingEventAsync(start.ChargerId, SessionFlags.ImplicitlyClosed, active.TransactionId,
                $"closed when a new transaction started on the same connector at {start.StartedAt:O}", start.StartedAt, cancellationToken);
        }

        return await sessions.InsertAsync(start, cancellationToken);
    }

    public async Task<StopDecision> StopAsync(string chargerId, string transactionId, SessionStopReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var session = await sessions.FindByTransactionAsync(chargerId, transactionId, cancellationToken);
        var decision = SessionAccounting.DecideStop(session, report);
        switch (decision.Kind)
        {
            case StopDecisionKind.Complete:
                if (!await sessions.CompleteAsync(session!.Id, decision.Completion!, cancellationToken))
                {
                    // Another stop for the same transaction committed first: judge this one against it.
                    return await StopAsync(chargerId, transactionId, report, cancellationToken);
                }

                break;
            case StopDecisionKind.ConflictingDuplicate:
                await sessions.RecordAccountingEventAsync(chargerId, SessionFlags.ConflictingDuplicateStop, transactionId,
                    $"stop at {report.StoppedAt:O} meter {report.MeterStopWh} ignored: the session was already completed", report.StoppedAt, cancellationToken);
                break;
            case StopDecisionKind.UnknownTransaction:
                await sessions.RecordAccountingEventAsync(chargerId, "StopForUnknownTransaction", transactionId,
                    $"stop at {report.StoppedAt:O} meter {report.MeterStopWh} reason {report.Reason ?? SessionAccounting.DefaultStopReason}", report.StoppedAt, cancellationToken);
                break;
            case StopDecisionKind.Retry:
            default:
                break;
        }

        return decision;
    }

    public Task RecordMeterReadingsAsync(MeterReadings readings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        return sessions.RecordMeterReadingsAsync(
            readings,
            EnergyRegister.EarliestImportWh(readings.Samples),
            EnergyRegister.LatestImportWh(readings.Samples),
            cancellationToken);
    }

    /// <returns>False when the event was a retry of one already applied.</returns>
    public async Task<bool> ApplyTransactionEventAsync(TransactionEventReport report, string ocppVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var isNew = await sessions.RecordTransactionEventAsync(report.ChargerId, report.TransactionId, report.SeqNo,
            report.Kind.ToString(), report.Timestamp, report.PayloadJson, cancellationToken);
        if (!isNew)
        {
            return false;
        }

        var session = await sessions.FindByTransactionAsync(report.ChargerId, report.TransactionId, cancellationToken);
        if (session is null)
        {
            var beginWh = RegisterIn(report.Samples, ContextTransactionBegin) ?? EnergyRegister.EarliestImportWh(report.Samples);
            var flags = report.Kind == TransactionEventKind.Started ? [] : new[] { SessionFlags.StartedImplicitly };
            session = await StartAsync(
                new NewSession(report.ChargerId, report.TransactionId, report.EvseId, report.ConnectorId, report.IdToken,
                    report.Timestamp, beginWh, ocppVersion, flags),
                cancellationToken);
        }

        if (report.Samples.Count > 0)
        {
            await RecordMeterReadingsAsync(
                new MeterReadings(report.ChargerId, report.EvseId ?? session.EvseId, report.ConnectorId ?? session.ConnectorId,
                    session.Id, report.TransactionId, report.Samples, report.ReceivedAt),
                cancellationToken);
        }

        if (report.Kind == TransactionEventKind.Ended)
        {
            var endWh = RegisterIn(report.Samples, ContextTransactionEnd) ?? EnergyRegister.LatestImportWh(report.Samples);
            var refreshed = await sessions.FindByTransactionAsync(report.ChargerId, report.TransactionId, cancellationToken);
            var stopWh = endWh ?? refreshed?.LastMeterWh;
            await StopAsync(report.ChargerId, report.TransactionId,
                new SessionStopReport(report.Timestamp, stopWh, report.StoppedReason, report.IdToken), cancellationToken);
        }

        return true;
    }

    private static decimal? RegisterIn(IReadOnlyList<MeterSample> samples, string context)
    {
        foreach (var sample in samples)
        {
            var inContext = sample.Values.Where(v => v.Context == context).ToList();
            if (inContext.Count > 0 && EnergyRegister.TryGetImportWh(sample with { Values = inContext }, out var wh))
            {
                return wh;
            }
        }

        return null;
    }
}
