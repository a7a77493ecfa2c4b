using CentralSystem.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CentralSystem.Server.Dashboard;

/// <summary>
/// The live dashboard hub (<c>/hubs/dashboard</c>). Any operator role may watch; the hub only pushes, commands go
/// through the REST API so that they are authorised and audited in one place.
/// </summary>
[Authorize(AuthenticationSchemes = OperatorAuth.Scheme)]
public sealed class DashboardHub(DashboardPresence presence) : Hub<IDashboardClient>
{
    public const string Path = "/hubs/dashboard";

    public override async Task OnConnectedAsync()
    {
        presence.Connected(Context.ConnectionId);
        await Groups.AddToGroupAsync(Context.ConnectionId, DashboardGroups.All, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        presence.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public Task WatchCharger(string chargerId) =>
        Groups.AddToGroupAsync(Context.ConnectionId, DashboardGroups.Charger(chargerId), Context.ConnectionAborted);

    public Task UnwatchCharger(string chargerId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, DashboardGroups.Charger(chargerId), Context.ConnectionAborted);

    public Task WatchSite(string siteId) =>
        Groups.AddToGroupAsync(Context.ConnectionId, DashboardGroups.Site(siteId), Context.ConnectionAborted);

    public Task UnwatchSite(string siteId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, DashboardGroups.Site(siteId), Context.ConnectionAborted);

    /// <summary>Leaves the all-chargers stream (a detail view that only wants its own groups).</summary>
    public Task UnwatchAll()
    {
        presence.LeftAllGroup(Context.ConnectionId);
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, DashboardGroups.All, Context.ConnectionAborted);
    }
}
