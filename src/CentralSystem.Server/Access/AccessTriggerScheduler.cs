using CentralSystem.Server.Hosting;
using Quartz;

namespace CentralSystem.Server.Access;

/// <summary>One persistent one-shot trigger per charger, at its next schedule edge.</summary>
public sealed class AccessTriggerScheduler(ISchedulerFactory schedulers)
{
    public const string TriggerGroup = "access-edges";

    public async Task ScheduleAsync(string chargerId, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        // All chargers of a site share its edges and reschedule at the same instant; the PostgreSQL job store can then
        // report a deadlock (40P01) for some of them, which goes away when tried again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ScheduleOnceAsync(chargerId, at, cancellationToken);
                return;
            }
            catch (JobPersistenceException) when (attempt < 4)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt * Random.Shared.Next(1, 4)), cancellationToken);
            }
        }
    }

    private async Task ScheduleOnceAsync(string chargerId, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new TriggerKey(chargerId, TriggerGroup);
        if (at is null)
        {
            await scheduler.UnscheduleJob(key, cancellationToken);
            return;
        }

        var trigger = EdgeTrigger.At(key, AccessWindowEdgeJob.Key, AccessWindowEdgeJob.ChargerIdKey, chargerId, at.Value);
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    public async Task<DateTimeOffset?> NextFireAsync(string chargerId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = await scheduler.GetTrigger(new TriggerKey(chargerId, TriggerGroup), cancellationToken);
        return trigger?.NextFireTimeUtc;
    }
}
