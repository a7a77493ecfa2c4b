namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// The lineage array last handed out per EVSE (or node), given out again while it holds the same entry instances: a
/// prepared site re-run by a dispatcher mostly reports the same reasons, and would otherwise allocate one array per
/// EVSE per call. Results only read their lineage, so sharing an array between them is safe.
/// </summary>
internal sealed class LineageArrays(int count)
{
    private readonly LineageEntry[]?[] _last = new LineageEntry[]?[count];

    /// <summary><paramref name="entries"/> as an array: the kept one of slot <paramref name="i"/> when it is the same, else a new one.</summary>
    public static LineageEntry[] Of(LineageArrays? kept, int i, List<LineageEntry> entries)
    {
        if (kept is null)
        {
            return [.. entries];
        }

        if (kept._last[i] is { } last && SameEntries(last, entries))
        {
            return last;
        }

        return kept._last[i] = [.. entries];
    }

    private static bool SameEntries(LineageEntry[] kept, List<LineageEntry> entries)
    {
        if (kept.Length != entries.Count)
        {
            return false;
        }

        for (var i = 0; i < kept.Length; i++)
        {
            if (!ReferenceEquals(kept[i], entries[i]))
            {
                return false;
            }
        }

        return true;
    }
}
