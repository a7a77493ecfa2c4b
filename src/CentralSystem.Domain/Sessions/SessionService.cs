using CentralSystem.Domain.Events;
using CentralSystem.Domain.Metering;

namespace CentralSystem.Domain.Sessions;

/// <summary>
/// Applies charger transaction messages to sessions using <see cref="SessionAccounting"/>'s rules. Active sessions
/// come from <see cref="ActiveSessionIndex"/>, so the common messages cost one batched write and no read.
/// </summary>
public sealed class SessionService(ISessionRepository sessions, ActiveSessionIndex index, IDomainEventSink events)
{
    public const string ContextTransactionBegin = "Transaction.Begin";
    public const string ContextTransactionEnd = "Transaction.End";

    public SessionService(ISessionRepository sessions)
        : this(sessions, new ActiveSessionIndex(), NullDomainEventSink.Instance)
    {
    }

    public async Task<ChargingSession?> FindAsync(string chargerId, string transactionId, CancellationToken cancellationToken)
    {
        var active = await ActiveAsync(chargerId, cancellationToken);
        return active.Find(transactionId) ?? await sessions.FindByTransactionAsync(chargerId, transactionId, cancellationToken);
    }

    /// <summary>Starts a session, or returns the one a retried start already created.</summary>
    public async Task<ChargingSession> StartAsync(NewSession start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var chargerSessions = await ActiveAsync(start.ChargerId, cancellationToken);
        return await GuardAsync(start.ChargerId, async () =>
        {
            var active = start.EvseId is null && start.ConnectorId is null ? null : chargerSessions.FindOnConnector(start.EvseId, start.ConnectorId);
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
                var completion = SessionAccounting.CloseImplicitly(active, start.StartedAt);
                await sessions.CompleteAsync(active.Id, completion, cancellationToken);
                chargerSessions.Remove(active.TransactionId);
                await sessions.RecordAccountingEventAsync(start.ChargerId, SessionFlags.ImplicitlyClosed, active.TransactionId,
                    $"closed when a new transaction started on the same connector at {start.StartedAt:O}", start.StartedAt, cancellationToken);
                PublishEnded(active, completion);
            }

            var session = await sessions.InsertAsync(start, cancellationToken);
            chargerSessions.Put(session);
            events.Publish(new SessionStarted(session.StartedAt, session.ChargerId, session));
            return session;
        });
    }

    public async Task<StopDecision> StopAsync(string chargerId, string transactionId, SessionStopReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var session = await FindAsync(chargerId, transactionId, cancellationToken);
        var decision = SessionAccounting.DecideStop(session, report);
        await GuardAsync(chargerId, async () =>
        {
            switch (decision.Kind)
            {
                case StopDecisionKind.Complete:
                    if (!await sessions.CompleteAsync(session!.Id, decision.Completion!, cancellationToken))
                    {
                        // Another stop committed first (this node's index was stale): judge this one against the stored row.
                        index.Forget(chargerId);
                        decision = SessionAccounting.DecideStop(await sessions.FindByTransactionAsync(chargerId, transactionId, cancellationToken), report);
                        break;
                    }

                    (await ActiveAsync(chargerId, cancellationToken)).Remove(transactionId);
                    PublishEnded(session, decision.Completion!);
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

            return true;
        });
        return decision;
    }

    public async Task RecordMeterReadingsAsync(MeterReadings readings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var earliest = EnergyRegister.EarliestImportWh(readings.Samples);
        var latest = EnergyRegister.LatestImportWh(readings.Samples);
        await GuardAsync(readings.ChargerId, async () =>
        {
            await sessions.RecordMeterReadingsAsync(readings, earliest, latest, cancellationToken);
            if (readings.TransactionId is { } transactionId && (earliest is not null || latest is not null)
                && index.TryGet(readings.ChargerId, out var chargerSessions) && chargerSessions.Find(transactionId) is { } session)
            {
                // Mirror the statement's LEAST/GREATEST so the next stop is judged on the same readings.
                chargerSessions.Put(session with
                {
                    FirstMeterWh = Min(session.FirstMeterWh, earliest),
                    LastMeterWh = Max(session.LastMeterWh, latest),
                });
            }

            return true;
        });
        events.Publish(new MeterValuesReceived(readings.ReceivedAt, readings.ChargerId, readings.EvseId, readings.ConnectorId,
            readings.SessionId, readings.TransactionId, readings.Samples));
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

        var session = await FindAsync(report.ChargerId, report.TransactionId, cancellationToken);
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
            var refreshed = await FindAsync(report.ChargerId, report.TransactionId, cancellationToken);
            var stopWh = endWh ?? refreshed?.LastMeterWh;
            await StopAsync(report.ChargerId, report.TransactionId,
                new SessionStopReport(report.Timestamp, stopWh, report.StoppedReason, report.IdToken), cancellationToken);
        }

        return true;
    }

    private async Task<ActiveSessionIndex.ChargerSessions> ActiveAsync(string chargerId, CancellationToken cancellationToken)
    {
        if (index.TryGet(chargerId, out var loaded))
        {
            return loaded;
        }

        index.Load(chargerId, await sessions.ListActiveAsync(chargerId, cancellationToken));
        return index.TryGet(chargerId, out loaded) ? loaded : throw new InvalidOperationException("index entry vanished");
    }

    /// <summary>A write that failed may or may not have committed: forget the charger so the next message reloads.</summary>
    private async Task<T> GuardAsync<T>(string chargerId, Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch
        {
            index.Forget(chargerId);
            throw;
        }
    }

    private void PublishEnded(ChargingSession session, SessionCompletion completion) =>
        events.Publish(new SessionEnded(completion.StoppedAt, session.ChargerId, session.Id, session.TransactionId, session.EvseId,
            session.ConnectorId, completion.EnergyWh, completion.StopReason));

    private static decimal? Min(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

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
