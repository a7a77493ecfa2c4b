namespace CentralSystem.SmartCharging.Topology;

/// <summary>
/// A limit in amps per phase and/or watts in total. A missing value means "no limit in that unit";
/// when both are present both apply (amps and watts are tracked in parallel, never converted into each other).
/// </summary>
public readonly record struct ElectricalLimit(double? CurrentA, double? PowerW)
{
    public static ElectricalLimit None => default;

    public bool IsNone => CurrentA is null && PowerW is null;

    /// <summary>Component-wise minimum; a missing component never wins over a present one.</summary>
    public ElectricalLimit Intersect(ElectricalLimit other) =>
        new(MinOf(CurrentA, other.CurrentA), MinOf(PowerW, other.PowerW));

    private static double? MinOf(double? a, double? b) =>
        a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
