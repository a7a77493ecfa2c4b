namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Item-length arrays a prepared site keeps between schedules. A schedule holds about a hundred interval results and as
/// many planned-value arrays at once, more than <see cref="System.Buffers.ArrayPool{T}.Shared"/> keeps of one size, so
/// the surplus was allocated afresh on every call (large-object-heap sized, the pool rounding up to 16,384 entries).
/// Not thread-safe, like the prepared site that owns it.
/// </summary>
internal sealed class ItemArrayStock(int length)
{
    private readonly Stack<double[]> _doubles = new();
    private readonly Stack<int[]> _ints = new();

    /// <summary>An array of the item count; its contents are whatever the last user left.</summary>
    public double[] RentDoubles() => _doubles.TryPop(out var array) ? array : new double[length];

    /// <inheritdoc cref="RentDoubles"/>
    public int[] RentInts() => _ints.TryPop(out var array) ? array : new int[length];

    public void Return(double[] array) => _doubles.Push(array);

    public void Return(int[] array) => _ints.Push(array);
}
