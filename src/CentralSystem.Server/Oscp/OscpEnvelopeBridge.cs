using System.Collections.Concurrent;
using CentralSystem.Oscp.Envelopes;
using CentralSystem.Server.SmartCharging;

namespace CentralSystem.Server.Oscp;

/// <summary>
/// Feeds each OSCP group's envelopes into the smart-charging dispatcher as a constraint on its bound node, and keeps
/// one Quartz trigger per group at its next edge (block start/end, offline_mode_at) so the lifecycle moves and the
/// site is recalculated on time even when the provider says nothing.
/// </summary>
public sealed partial class OscpEnvelopeBridge(
    SmartChargingDispatcher dispatcher, OscpEdgeScheduler edges, OscpGroupChanges changes, ILogger<OscpEnvelopeBridge> logger) : IOscpEnvelopeListener
{
    // Where each group last put its envelopes, so an unbound or rebound group is removed from the old site.
    private readonly ConcurrentDictionary<string, string> _groupSites = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, GroupEnvelopeView> _latest = new(StringComparer.Ordinal);

    public static string SourceKey(string groupId) => $"oscp:{groupId}";

    /// <summary>The latest view of every group (compliance, dashboard); never blocks on OSCP traffic.</summary>
    public IReadOnlyCollection<GroupEnvelopeView> Latest => [.. _latest.Values];

    public GroupEnvelopeView? LatestOf(string groupId) => _latest.GetValueOrDefault(groupId);

    public void OnGroupChanged(GroupEnvelopeView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        _latest[view.GroupId] = view;
        var siteId = view.Binding?.SiteId;
        if (_groupSites.TryGetValue(view.GroupId, out var previous) && previous != siteId)
        {
            dispatcher.SetExternalEnvelopes(previous, SourceKey(view.GroupId), []);
            _groupSites.TryRemove(view.GroupId, out _);
        }

        if (siteId is not null)
        {
            _groupSites[view.GroupId] = siteId;
            dispatcher.SetExternalEnvelopes(siteId, SourceKey(view.GroupId), view.Envelopes);
        }

        changes.Mark(view.GroupId);
        _ = RescheduleAsync(view);
    }

    private async Task RescheduleAsync(GroupEnvelopeView view)
    {
        // Groups sharing an edge reschedule at the same moment; the PostgreSQL job store can report a deadlock then
        // (40P01), which is worth a retry. A trigger lost anyway is caught by OscpPeriodicSender's overdue-edge sweep.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await edges.ScheduleAsync(view.GroupId, view.Binding is null ? null : view.NextEdge, CancellationToken.None);
                return;
            }
            catch (Exception ex) when (attempt < 4)
            {
                LogScheduleRetry(ex, view.GroupId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * Random.Shared.Next(1, 4)));
            }
            catch (Exception ex)
            {
                LogScheduleFailed(ex, view.GroupId);
                return;
            }
        }
    }

    [LoggerMessage(EventId = 7202, Level = LogLevel.Information, Message = "Scheduling the next envelope edge of OSCP group {GroupId} failed (attempt {Attempt}); retrying")]
    private partial void LogScheduleRetry(Exception exception, string groupId, int attempt);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Scheduling the next envelope edge of OSCP group {GroupId} failed")]
    private partial void LogScheduleFailed(Exception exception, string groupId);
}
