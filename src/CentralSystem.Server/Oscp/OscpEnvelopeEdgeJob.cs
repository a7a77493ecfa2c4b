using CentralSystem.Oscp;
using Quartz;

namespace CentralSystem.Server.Oscp;

/// <summary>
/// Fires at a group's envelope edge: a block starts or ends, or the provider's offline_mode_at passes (fallback).
/// The provider re-evaluates the group; the bridge then feeds the dispatcher and schedules the following edge.
/// </summary>
public sealed class OscpEnvelopeEdgeJob(OscpFlexibilityProvider provider) : IJob
{
    public const string GroupIdKey = "groupId";

    public static readonly JobKey Key = new("oscp-envelope-edge", "oscp");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.MergedJobDataMap.GetString(GroupIdKey) is { Length: > 0 } groupId)
        {
            await provider.EvaluateGroupAsync(groupId, cancellationToken);
        }
    }
}
