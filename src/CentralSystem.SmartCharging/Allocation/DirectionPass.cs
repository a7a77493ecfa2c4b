namespace CentralSystem.SmartCharging.Allocation;

/// <summary>The solved import or export problem of one calculation, kept for lineage and reporting.</summary>
internal sealed class DirectionPass
{
    public required ConstraintSet Set { get; init; }

    public required FillingResult Fill { get; init; }

    public required BoundsTable Bounds { get; init; }

    /// <summary>Constraint that refused the EVSE's minimum; -1 admitted; <see cref="OwnLimitBelowMinimum"/>.</summary>
    public required int[] RefusedBy { get; init; }

    public required LineageEntry?[] ConstraintSource { get; init; }

    public required NodeLimitTable Limits { get; init; }

    /// <summary>
    /// Admission order of all candidates, sorted on first use: the pass itself orders only the contested ones, while
    /// the schedule reuses the full order for every interval.
    /// </summary>
    public Lazy<int[]> AdmissionOrder { get; init; } = new([]);

    public const int OwnLimitBelowMinimum = -2;
}
