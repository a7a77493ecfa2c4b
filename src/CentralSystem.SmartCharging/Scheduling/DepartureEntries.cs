using System.Globalization;
using CentralSystem.SmartCharging.Allocation;

namespace CentralSystem.SmartCharging.Scheduling;

/// <summary>
/// "Vehicle departed" lineage entries, one per departure instant (and offset, which the text shows): thousands of
/// sessions share a few hundred departure times, and formatting the time is the costly part.
/// </summary>
internal sealed class DepartureEntries
{
    private static readonly LineageEntry NoSession = new(LimitKind.NoSession) { Detail = "no session" };

    private readonly Dictionary<(long Ticks, TimeSpan Offset), LineageEntry> _entries = [];

    public LineageEntry Entry(DateTimeOffset? departure)
    {
        if (departure is not { } d)
        {
            return NoSession;
        }

        var key = (d.UtcTicks, d.Offset);
        if (!_entries.TryGetValue(key, out var entry))
        {
            _entries[key] = entry = new LineageEntry(LimitKind.NoSession)
            {
                Detail = "vehicle departed at " + d.ToString("O", CultureInfo.InvariantCulture),
            };
        }

        return entry;
    }
}
