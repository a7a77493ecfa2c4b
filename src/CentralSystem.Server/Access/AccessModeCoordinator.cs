using CentralSystem.Domain.Access;
using CentralSystem.Domain.Events;
using CentralSystem.Server.Dashboard;
using CentralSystem.Storage.Repositories.Access;

namespace CentralSystem.Server.Access;

/// <summary>
/// Brings one charger to the mode its schedule wants now: evaluates the schedule, records the desired mode (history on
/// change), schedules the Quartz trigger for the next edge, and has the gateway tell the charger when what it was last
/// told differs or did not take. Used by the edge job, the startup reconcile, schedule edits and reconnects alike.
/// </summary>
public sealed partial class AccessModeCoordinator(
    IAccessDecisionStore decisions,
    PgAccessStateRepository states,
    AccessTriggerScheduler triggers,
    AccessCommandGateway gateway,
    IDomainEventSink events,
    TimeProvider time,
    ILogger<AccessModeCoordinator> logger)
{
    /// <param name="notBefore">Evaluate at this instant if the clock is still behind it (a trigger that fired early).</param>
    /// <param name="apply">False to only record and reschedule (the caller queues the apply, e.g. an HTTP request).</param>
    public async Task<ChargerAccessState?> ReconcileAsync(
        string chargerId, string source, DateTimeOffset? notBefore, bool apply, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (notBefore is { } floor && floor > now)
        {
            now = floor;
        }

        var effective = await decisions.FindEffectiveScheduleAsync(chargerId, cancellationToken);
        if (effective is null)
        {
            // No schedule any more: stop switching it; whatever the charger was last told stays until an operator changes it.
            await triggers.ScheduleAsync(chargerId, null, cancellationToken);
            await states.DeleteAsync(chargerId, cancellationToken);
            events.Publish(new AccessModeEvaluated(now, chargerId, null, null, null, null, source));
            return null;
        }

        var resolution = AccessScheduleEvaluator.ModeAt(effective.Schedule, now);
        var next = AccessScheduleEvaluator.NextSwitchAfter(effective.Schedule, now);
        var (state, changed) = await states.RecordDesiredAsync(chargerId, resolution, now, next?.At, source, cancellationToken);
        await triggers.ScheduleAsync(chargerId, next?.At, cancellationToken);
        events.Publish(new AccessModeEvaluated(now, chargerId, resolution.Mode, resolution.RuleName, next?.At, next?.To.Mode, source));
        if (changed)
        {
            LogModeChanged(chargerId, resolution.Mode, resolution.RuleName, source);
        }

        if (apply && NeedsApply(state))
        {
            await gateway.ApplyAsync(chargerId, cancellationToken);
            return await states.FindAsync(chargerId, cancellationToken);
        }

        return state;
    }

    /// <summary>A charger connected or booted: re-evaluate, and retry a switch that is pending or was rejected.</summary>
    public async Task OnChargerBackAsync(string chargerId, CancellationToken cancellationToken)
    {
        if (await states.FindAsync(chargerId, cancellationToken) is null && await decisions.FindEffectiveScheduleAsync(chargerId, cancellationToken) is null)
        {
            return;
        }

        await ReconcileAsync(chargerId, "Reconnect", null, true, cancellationToken);
    }

    public static bool NeedsApply(ChargerAccessState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.AppliedMode != state.DesiredMode || state.ApplyStatus is ApplyStatus.Pending or ApplyStatus.Rejected;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Access mode of {ChargePointId} is now {Mode} (rule {Rule}, {Source})")]
    private partial void LogModeChanged(string chargePointId, AccessMode mode, string rule, string source);
}
