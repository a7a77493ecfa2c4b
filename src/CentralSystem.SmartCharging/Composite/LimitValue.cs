namespace CentralSystem.SmartCharging.Composite;

/// <summary>
/// What one period says, with amps and watts kept apart (a period may carry either, and after combining purposes
/// both): limits are compared amps with amps and watts with watts, numberPhases keeps the smallest specified.
/// </summary>
internal readonly record struct LimitValue(double? A, double? W, int? Phases, double? SetpointA, double? SetpointW)
{
    public bool HasLimit => A is not null || W is not null;

    /// <summary>The lower of two limits; setpoints stay with this (the Tx/TxDefault side).</summary>
    public LimitValue Lowest(LimitValue other) => new(
        Min(A, other.A),
        Min(W, other.W),
        Phases is null ? other.Phases : other.Phases is null ? Phases : Math.Min(Phases.Value, other.Phases.Value),
        SetpointA ?? other.SetpointA,
        SetpointW ?? other.SetpointW);

    private static double? Min(double? a, double? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
