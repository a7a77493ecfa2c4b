namespace CentralSystem.SmartCharging.Allocation;

internal sealed class FillingResult(int itemCount, int constraintCount)
{
    /// <summary>Constraint index that froze the item, or <see cref="OwnCap"/> / <see cref="AtFloor"/>.</summary>
    public const int OwnCap = -1;

    public const int AtFloor = -2;

    public double[] Value { get; } = new double[itemCount];

    public int[] Binding { get; } = new int[itemCount];

    public bool[] Saturated { get; } = new bool[constraintCount];

    /// <summary>Sum of coefficient × value per constraint after filling.</summary>
    public double[] Usage { get; } = new double[constraintCount];
}
