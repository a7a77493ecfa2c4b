using CentralSystem.Server.Events;
using CentralSystem.Server.SmartCharging;
using CentralSystem.SmartCharging.Allocation;
using Microsoft.AspNetCore.SignalR;

namespace CentralSystem.Server.Dashboard;

/// <summary>
/// Pushes site allocations (node loads against limits, EVSE allocations with their "why", breaches) to dashboards.
/// The dispatcher calls <see cref="OnAllocated"/> under its lock, so that only replaces the site's latest result and
/// wakes the sender; the sender pushes the latest per site to <c>site:{id}</c> and <c>all</c>, then pauses briefly
/// so a busy site's recalculations coalesce into a few messages a second. Nothing is kept while nobody watches.
/// </summary>
public sealed partial class SiteAllocationPublisher(
    IHubContext<DashboardHub, IDashboardClient> hub, DashboardPresence presence, ILogger<SiteAllocationPublisher> logger)
    : BackgroundService, ISiteAllocationObserver
{
    // Well inside the 1 s the dashboard promises for a push after the recalculation.
    private static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(250);

    private readonly LatestByKey<AllocationResult> _latest = new();

    public void OnAllocated(string siteId, AllocationResult result)
    {
        if (presence.Count == 0)
        {
            return;
        }

        _latest.Set(siteId, result);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                foreach (var (siteId, result) in await _latest.TakeAsync(stoppingToken))
                {
                    await PushAsync(siteId, result);
                }

                await Task.Delay(CoalesceWindow, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task PushAsync(string siteId, AllocationResult result)
    {
        try
        {
            // One message per connection: site watchers that also follow "all" get it through "all" only (SignalR does
            // not de-duplicate across groups).
            var view = SiteAllocationView.From(result);
            await hub.Clients.Group(DashboardGroups.All).SiteAllocation(view);
            await hub.Clients.GroupExcept(DashboardGroups.Site(siteId), presence.AllGroupMembers).SiteAllocation(view);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPushFailed(ex, siteId);
        }
    }

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Pushing the allocation of site {SiteId} to dashboards failed")]
    private partial void LogPushFailed(Exception exception, string siteId);
}
