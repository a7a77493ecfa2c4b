using System.Buffers;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// A max-min fair sharing problem in array form: items (EVSEs) with a floor, a cap and a weight, and linear
/// capacity constraints (a node's phase or power budget) given as a sparse item × constraint matrix of
/// non-negative coefficients. The matrix is stored both ways (CSR by item and by constraint) so the engine can go
/// from a saturated constraint to its items and from a frozen item to its constraints without searching.
/// </summary>
internal sealed class FillingProblem
{
    private readonly bool _pooled;

    /// <param name="pooled">The entry arrays were rented from <see cref="ArrayPool{T}.Shared"/> (and may be longer than
    /// needed); <see cref="Release"/> returns them together with the transposed arrays.</param>
    public FillingProblem(int itemCount, int constraintCount, int[] itemStart, int[] itemConstraint, double[] itemCoefficient, bool pooled = false)
    {
        _pooled = pooled;
        ItemCount = itemCount;
        ConstraintCount = constraintCount;
        ItemStart = itemStart;
        ItemConstraint = itemConstraint;
        ItemCoefficient = itemCoefficient;
        Floor = new double[itemCount];
        Cap = new double[itemCount];
        Weight = new double[itemCount];
        Capacity = new double[constraintCount];

        // Transpose once: constraint -> items.
        var entries = itemStart[itemCount];
        ConstraintStart = new int[constraintCount + 1];
        for (var x = 0; x < entries; x++)
        {
            ConstraintStart[itemConstraint[x] + 1]++;
        }

        for (var k = 0; k < constraintCount; k++)
        {
            ConstraintStart[k + 1] += ConstraintStart[k];
        }

        ConstraintItem = pooled ? ArrayPool<int>.Shared.Rent(Math.Max(1, entries)) : new int[entries];
        var fill = (int[])ConstraintStart.Clone();
        for (var i = 0; i < itemCount; i++)
        {
            for (var e = itemStart[i]; e < itemStart[i + 1]; e++)
            {
                ConstraintItem[fill[itemConstraint[e]]++] = i;
            }
        }
    }

    /// <summary>Returns pooled arrays; the problem must not be used afterwards.</summary>
    public void Release()
    {
        if (_pooled)
        {
            ArrayPool<int>.Shared.Return(ItemConstraint);
            ArrayPool<double>.Shared.Return(ItemCoefficient);
            ArrayPool<int>.Shared.Return(ConstraintItem);
        }
    }

    public int ItemCount { get; }

    public int ConstraintCount { get; }

    /// <summary>CSR row pointers: item i uses entries [ItemStart[i], ItemStart[i+1]).</summary>
    public int[] ItemStart { get; }

    public int[] ItemConstraint { get; }

    public double[] ItemCoefficient { get; }

    public int[] ConstraintStart { get; }

    public int[] ConstraintItem { get; }

    /// <summary>Guaranteed level (already admitted minimum); may be 0.</summary>
    public double[] Floor { get; }

    /// <summary>Upper bound of the item; an item with Cap ≤ Floor is fixed at its floor.</summary>
    public double[] Cap { get; }

    /// <summary>Fair-share weight (&gt; 0).</summary>
    public double[] Weight { get; }

    /// <summary>Capacity left for the items in each constraint (limits minus fixed load).</summary>
    public double[] Capacity { get; }
}
