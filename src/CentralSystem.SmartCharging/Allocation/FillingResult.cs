using System.Buffers;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>What the filling engine decided for each item (and, when asked for, each constraint's usage).</summary>
internal sealed class FillingResult
{
    private readonly bool _pooled;
    private readonly ItemArrayStock? _stock;

    /// <param name="withUsage">Whether <see cref="Usage"/> is filled in: lineage needs it, schedule intervals do not.</param>
    /// <param name="pooled">Item arrays come from <see cref="ArrayPool{T}.Shared"/> (and may be longer than the item
    /// count) until <see cref="Release"/>: a schedule keeps dozens of results alive at once, and fresh ones were
    /// promoted by every collection during the schedule.</param>
    /// <param name="stock">With <paramref name="pooled"/>: rent from a prepared site's stock rather than the shared pool.</param>
    public FillingResult(int itemCount, int constraintCount, bool withUsage = true, bool pooled = false, ItemArrayStock? stock = null)
    {
        _pooled = pooled;
        _stock = pooled ? stock : null;
        Value = _stock?.RentDoubles() ?? (pooled ? ArrayPool<double>.Shared.Rent(itemCount) : new double[itemCount]);
        Binding = _stock?.RentInts() ?? (pooled ? ArrayPool<int>.Shared.Rent(itemCount) : new int[itemCount]);
        Usage = withUsage ? new double[constraintCount] : [];
    }

    /// <summary>Constraint index that froze the item, or <see cref="OwnCap"/> / <see cref="AtFloor"/>.</summary>
    public const int OwnCap = -1;

    public const int AtFloor = -2;

    /// <summary>Each item's value; the engine writes every item's entry.</summary>
    public double[] Value { get; }

    public int[] Binding { get; }

    /// <summary>Sum of coefficient × value per constraint after filling (empty when not asked for).</summary>
    public double[] Usage { get; }

    /// <summary>Returns pooled arrays; the result must not be read afterwards.</summary>
    public void Release()
    {
        if (_stock is not null)
        {
            _stock.Return(Value);
            _stock.Return(Binding);
        }
        else if (_pooled)
        {
            ArrayPool<double>.Shared.Return(Value);
            ArrayPool<int>.Shared.Return(Binding);
        }
    }
}
