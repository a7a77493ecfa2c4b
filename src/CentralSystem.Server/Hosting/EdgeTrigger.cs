using Quartz;

namespace CentralSystem.Server.Hosting;

/// <summary>
/// A persistent one-shot Quartz trigger at a schedule edge (access windows, OSCP envelopes). Late — server down, pool
/// busy — it fires once at once: the jobs evaluate "now", so a missed edge is never replayed.
/// </summary>
public static class EdgeTrigger
{
    public static ITrigger At(TriggerKey key, JobKey job, string dataKey, string dataValue, DateTimeOffset at) =>
        TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            .UsingJobData(dataKey, dataValue)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
}
