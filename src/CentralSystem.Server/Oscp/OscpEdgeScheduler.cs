using System.Collections.Concurrent;
using CentralSystem.Server.Hosting;
using Quartz;

namespace CentralSystem.Server.Oscp;

/// <summary>
/// One persistent one-shot Quartz trigger per OSCP group at its next envelope edge. Each edge gets its own trigger
/// key: the job reschedules from inside a firing trigger, and with a shared key Quartz's clean-up of the fired
/// trigger could delete the new one (seen with many groups sharing an edge). A superseded trigger is removed; one
/// left over (a restart) only causes a harmless extra evaluation.
/// </summary>
public sealed class OscpEdgeScheduler(ISchedulerFactory schedulers)
{
    public const string TriggerGroup = "oscp-edges";
    private readonly ConcurrentDictionary<string, TriggerKey> _current = new(StringComparer.Ordinal);
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

        _current.TryGetValue(groupId, out var previous);
        if (at is null)
        {
            if (previous is not null && _current.TryRemove(KeyValuePair.Create(groupId, previous)))
            {
                await scheduler.UnscheduleJob(previous, cancellationToken);
            }

            return;
        }

        var key = new TriggerKey($"{groupId}@{at.Value.UtcTicks}", TriggerGroup);
        if (key.Equals(previous))
        {
            return;
        }

        var trigger = EdgeTrigger.At(key, OscpEnvelopeEdgeJob.Key, OscpEnvelopeEdgeJob.GroupIdKey, groupId, at.Value);
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
        _current[groupId] = key;
        if (previous is not null)
        {
            await scheduler.UnscheduleJob(previous, cancellationToken);
        }
    }
}
