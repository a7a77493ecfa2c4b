using Quartz;

namespace CentralSystem.Server.Oscp;

/// <summary>One persistent one-shot Quartz trigger per OSCP group, at its next envelope edge.</summary>
public sealed class OscpEdgeScheduler(ISchedulerFactory schedulers)
{
    public const string TriggerGroup = "oscp-edges";
    private volatile bool _jobStored;

    public async Task ScheduleAsync(string groupId, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (!_jobStored)
        {
            // Stored here rather than in the shared AddQuartz call, which belongs to access control.
            var job = JobBuilder.Create<OscpEnvelopeEdgeJob>().WithIdentity(OscpEnvelopeEdgeJob.Key).StoreDurably().Build();
            await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
            _jobStored = true;
        }

        var key = new TriggerKey(groupId, TriggerGroup);
        if (at is null)
        {
            await scheduler.UnscheduleJob(key, cancellationToken);
            return;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(OscpEnvelopeEdgeJob.Key)
            .UsingJobData(OscpEnvelopeEdgeJob.GroupIdKey, groupId)
            .StartAt(at.Value)
            // Late (server down): fire once now; evaluation looks at "now", nothing is replayed.
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }
}
