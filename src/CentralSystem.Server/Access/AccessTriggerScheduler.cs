using Quartz;

namespace CentralSystem.Server.Access;

/// <summary>One persistent one-shot trigger per charger, at its next schedule edge.</summary>
public sealed class AccessTriggerScheduler(ISchedulerFactory schedulers)
{
    public const string TriggerGroup = "access-edges";

    public async Task ScheduleAsync(string chargerId, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new TriggerKey(chargerId, TriggerGroup);
        if (at is null)
        {
            await scheduler.UnscheduleJob(key, cancellationToken);
            return;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(AccessWindowEdgeJob.Key)
            .UsingJobData(AccessWindowEdgeJob.ChargerIdKey, chargerId)
            .StartAt(at.Value)
            // Late (server down, pool busy): fire once now; the job computes the mode for "now", so nothing is replayed.
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    public async Task<DateTimeOffset?> NextFireAsync(string chargerId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = await scheduler.GetTrigger(new TriggerKey(chargerId, TriggerGroup), cancellationToken);
        return trigger?.NextFireTimeUtc;
    }
}
