using Quartz;

namespace CentralSystem.Server.Access;

/// <summary>
/// Fires at a charger's next schedule edge. Thin on purpose: the coordinator evaluates the schedule for the instant
/// (never replaying a missed edge: a late fire simply finds the mode that holds now), applies it, and schedules the
/// next edge.
/// </summary>
public sealed class AccessWindowEdgeJob(AccessModeCoordinator coordinator) : IJob
{
    public const string ChargerIdKey = "chargerId";

    public static readonly JobKey Key = new("access-window-edge", "access");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chargerId = context.MergedJobDataMap.GetString(ChargerIdKey);
        if (string.IsNullOrEmpty(chargerId))
        {
            return;
        }

        // Quartz may fire a few milliseconds before the edge: evaluate no earlier than the scheduled instant.
        await coordinator.ReconcileAsync(chargerId, "ScheduleEdge", context.ScheduledFireTimeUtc, true, cancellationToken);
    }
}
