using CentralSystem.Server.Events;

namespace CentralSystem.Server.Oscp;

/// <summary>Which groups changed (envelope or compliance) since the dashboard publisher last looked; coalesced, never blocks.</summary>
public sealed class OscpGroupChanges
{
    private readonly LatestByKey<bool> _changed = new();

    public void Mark(string groupId) => _changed.Set(groupId, true);

    public async Task<IEnumerable<string>> NextAsync(CancellationToken cancellationToken) =>
        (await _changed.TakeAsync(cancellationToken)).Select(c => c.Key);
}
