namespace CentralSystem.Server.Dashboard;

/// <summary>What the server calls on dashboard browsers (strongly typed SignalR client).</summary>
public interface IDashboardClient
{
    /// <summary>A batch of changes, oldest first.</summary>
    Task Events(IReadOnlyList<DashboardEvent> events);

    /// <summary>The latest allocation of one site (replaces what the page shows for it).</summary>
    Task SiteAllocation(SiteAllocationView allocation);

    /// <summary>An OSCP group's envelope (state, timeline, source, compliance) after it changed.</summary>
    Task OscpGroup(Oscp.GroupView group);
}
