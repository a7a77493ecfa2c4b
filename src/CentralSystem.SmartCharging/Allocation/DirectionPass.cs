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

    /// <summary>Admission order of the candidates (the schedule reuses it for every interval).</summary>
    public int[] AdmissionOrder { get; init; } = [];

    public const int OwnLimitBelowMinimum = -2;
}
