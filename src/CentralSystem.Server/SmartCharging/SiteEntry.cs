using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Server.SmartCharging;

/// <summary>A site as the dispatcher holds it: the stored model (live data is overlaid per calculation) and its binding.</summary>
internal sealed record SiteEntry(SiteModel Model, int Version, SiteBinding Binding);
