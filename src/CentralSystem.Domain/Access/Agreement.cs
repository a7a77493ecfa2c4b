namespace CentralSystem.Domain.Access;

/// <summary>
/// A fleet's agreement with the depot owner. Valid from <paramref name="ValidFrom"/> (inclusive) to
/// <paramref name="ValidTo"/> (exclusive); null bounds are open. Empty <paramref name="SiteIds"/> and
/// <paramref name="ChargerIds"/> mean every charger; otherwise the charger must be listed or belong to a listed site.
/// </summary>
public sealed record Agreement(
    string Id,
    string Name,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    IReadOnlyList<string> SiteIds,
    IReadOnlyList<string> ChargerIds)
{
    public bool IsValidAt(DateTimeOffset instant) =>
        (ValidFrom is not { } from || instant >= from) && (ValidTo is not { } to || instant < to);

    public bool Covers(string chargerId, string? siteId) =>
        (SiteIds.Count == 0 && ChargerIds.Count == 0)
        || ChargerIds.Contains(chargerId, StringComparer.Ordinal)
        || (siteId is not null && SiteIds.Contains(siteId, StringComparer.Ordinal));
}
