using CentralSystem.Server.Dashboard;
using Microsoft.AspNetCore.SignalR;

namespace CentralSystem.Server.Oscp;

/// <summary>
/// Pushes each OSCP group's envelope (lifecycle state, timeline, source, compliance) to dashboards when it changes:
/// a forecast, a heartbeat, an edge, a compliance verdict. Coalesced per group; nothing is sent without watchers.
/// </summary>
public sealed partial class OscpDashboardPublisher(
    IHubContext<DashboardHub, IDashboardClient> hub,
    DashboardPresence presence,
    OscpGroupChanges changes,
    OscpEnvelopeBridge bridge,
    OscpComplianceMonitor compliance,
    ILogger<OscpDashboardPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                var changed = await changes.NextAsync(stoppingToken);
                if (presence.Count == 0)
                {
                    continue;
                }

                foreach (var groupId in changed)
                {
                    if (bridge.LatestOf(groupId) is not { } view)
                    {
                        continue;
                    }

                    try
                    {
                        await hub.Clients.Group(DashboardGroups.All).OscpGroup(OscpGroupViews.From(view, compliance.Of(groupId)));
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogPushFailed(ex, groupId);
                    }
                }

                await Task.Delay(CoalesceWindow, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 7501, Level = LogLevel.Warning, Message = "Pushing OSCP group {GroupId} to dashboards failed")]
    private partial void LogPushFailed(Exception exception, string groupId);
}
