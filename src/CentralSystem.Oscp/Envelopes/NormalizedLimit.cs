namespace CentralSystem.Oscp.Envelopes;

/// <summary>
/// A capacity in the canonical units of digest §8.2: total active power (W) and per-phase current (A). A null
/// component is unconstrained. <see cref="FromCurrent"/>/<see cref="FromPower"/> record which unit the capacity
/// provider actually sent, because the calculator tracks amps and watts in parallel and never converts them.
/// </summary>
public sealed record NormalizedLimit(double? PowerW, double? L1A, double? L2A, double? L3A, bool FromCurrent, bool FromPower)
{
    public static NormalizedLimit Zero { get; } = new(0, 0, 0, 0, FromCurrent: false, FromPower: true);

    /// <summary>Component-wise minimum: both constraints hold at once (digest §8.2 "take the per-phase minimum").</summary>
    public NormalizedLimit Intersect(NormalizedLimit other) => new(
        Min(PowerW, other.PowerW), Min(L1A, other.L1A), Min(L2A, other.L2A), Min(L3A, other.L3A),
        FromCurrent || other.FromCurrent, FromPower || other.FromPower);

    /// <summary>The tightest phase current: the calculator's amp limit is the same on every phase.</summary>
    public double? MinPhaseA => Min(Min(L1A, L2A), L3A);

    private static double? Min(double? a, double? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
