using System.Collections.Concurrent;
using System.Threading.Channels;
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

    private readonly ConcurrentDictionary<string, AllocationResult> _latest = new(StringComparer.Ordinal);

    // One pending wake-up is enough: the sender always takes everything that is in _latest.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void OnAllocated(string siteId, AllocationResult result)
    {
        if (presence.Count == 0)
        {
            return;
        }

        _latest[siteId] = result;
        _wake.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _wake.Reader.WaitToReadAsync(stoppingToken))
            {
                _wake.Reader.TryRead(out _);
                foreach (var siteId in _latest.Keys)
                {
                    if (_latest.TryRemove(siteId, out var result))
                    {
                        await PushAsync(siteId, result);
                    }
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
