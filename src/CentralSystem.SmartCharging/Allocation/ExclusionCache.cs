namespace CentralSystem.SmartCharging.Allocation;

/// <summary>Minimum-exclusion lineage entries by the (shared) source instance that caused them; see <see cref="Allocator.BindingEntry"/>.</summary>
internal sealed class ExclusionCache
{
    public Dictionary<LineageEntry, LineageEntry> OwnLimit { get; } = new(ReferenceEqualityComparer.Instance);

    public Dictionary<LineageEntry, LineageEntry> Refused { get; } = new(ReferenceEqualityComparer.Instance);
}
