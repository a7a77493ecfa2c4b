namespace CentralSystem.SmartCharging.Allocation;

/// <param name="withUsage">Whether <see cref="Usage"/> is filled in: lineage needs it, schedule intervals do not (and
/// keep dozens of results alive at once).</param>
internal sealed class FillingResult(int itemCount, int constraintCount, bool withUsage = true)
{
    /// <summary>Constraint index that froze the item, or <see cref="OwnCap"/> / <see cref="AtFloor"/>.</summary>
    public const int OwnCap = -1;

    public const int AtFloor = -2;

    public double[] Value { get; } = new double[itemCount];

    public int[] Binding { get; } = new int[itemCount];

    /// <summary>Sum of coefficient × value per constraint after filling (empty when not asked for).</summary>
    public double[] Usage { get; } = withUsage ? new double[constraintCount] : [];
}
