using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CentralSystem.Server.Oscp;

/// <summary>Which groups changed (envelope or compliance) since the dashboard publisher last looked; coalesced, never blocks.</summary>
public sealed class OscpGroupChanges
{
    private readonly ConcurrentDictionary<string, byte> _changed = new(StringComparer.Ordinal);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Mark(string groupId)
    {
        _changed[groupId] = 0;
        _wake.Writer.TryWrite(true);
    }

    public async Task<IReadOnlyList<string>> NextAsync(CancellationToken cancellationToken)
    {
        await _wake.Reader.ReadAsync(cancellationToken);
        var taken = new List<string>();
        foreach (var groupId in _changed.Keys)
        {
            if (_changed.TryRemove(groupId, out _))
            {
                taken.Add(groupId);
            }
        }

        return taken;
    }
}
