namespace CentralSystem.Storage.Repositories.SmartCharging;

/// <summary>A stored site: the site JSON document (SITE-FORMAT.md) and its version, bumped on every write.</summary>
public sealed record SiteRecord(string Id, string Document, int Version, DateTimeOffset UpdatedAt);
