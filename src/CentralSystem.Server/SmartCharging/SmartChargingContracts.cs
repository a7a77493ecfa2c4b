using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Server.SmartCharging;

/// <summary>Body of PATCH /api/sites/{id}/nodes/{nodeId}: a given limit replaces the node's; an omitted one is kept.</summary>
public sealed record NodeLimitPatch(LimitBody? Import, LimitBody? SafeImport);

/// <summary>A node limit: amps per phase and/or total watts.</summary>
public sealed record LimitBody(double? CurrentA, double? PowerW)
{
    public ElectricalLimit ToLimit() => new(CurrentA, PowerW);
}

/// <summary>A stored site's version after a write, or in a listing.</summary>
public sealed record SiteSummary(string Id, int Version, DateTimeOffset? UpdatedAt);
