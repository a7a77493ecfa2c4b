namespace CentralSystem.Server.Dashboard;

/// <summary>SignalR group names: every dashboard joins <see cref="All"/>; detail views join one charger or site.</summary>
public static class DashboardGroups
{
    public const string All = "all";

    public static string Charger(string chargerId) => "charger:" + chargerId;

    public static string Site(string siteId) => "site:" + siteId;
}
