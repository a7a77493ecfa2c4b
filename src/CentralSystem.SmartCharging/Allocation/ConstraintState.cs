namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// The filling engine's running state of one constraint, kept together: every step on an item's path reads or updates
/// several of these fields of the same constraint, which in parallel arrays cost a bounds check and a cache line each.
/// </summary>
internal struct ConstraintState
{
    /// <summary>Capacity left for the items (copied from the problem at the start of a solve).</summary>
    public double Capacity;

    /// <summary>Usage of items that do not rise (at their floor or frozen).</summary>
    public double FixedUse;

    /// <summary>d(usage)/dλ of the rising items.</summary>
    public double Slope;

    public int Rising;

    /// <summary>Current version of the constraint's queue entry; older entries are retired.</summary>
    public int Version;

    /// <summary>Activation batch that last queued the constraint for a re-check.</summary>
    public int DirtyStamp;

    public bool Saturated;
}
