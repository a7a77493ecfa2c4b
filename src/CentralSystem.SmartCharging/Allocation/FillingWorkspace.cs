namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Scratch arrays of the filling engine, reusable across solves of the same size (a schedule solves the same
/// constraint set up to two hundred times; reuse keeps it from allocating ~1 MB per interval).
/// </summary>
internal sealed class FillingWorkspace
{
    /// <param name="keepResults">Keep pooled results' arrays in <see cref="Stock"/> (a prepared site's workspace).</param>
    public FillingWorkspace(int items, int constraints, bool keepResults = false)
    {
        Stock = keepResults ? new ItemArrayStock(items) : null;
        Constraints = new ConstraintState[constraints];
        Dirty = new int[constraints];
        State = new byte[items];
        ActItems = new int[items];
        Live = new int[items];
        ActLevel = new double[items];
        CapHeap = new MinHeap(items);
        ConstraintHeap = new MinHeap(2 * constraints);
    }

    /// <summary>Per-constraint state; each solve sets every entry before use.</summary>
    public ConstraintState[] Constraints { get; }

    public byte[] State { get; }

    public int[] ActItems { get; }

    /// <summary>Items that are not simply zero, in index order.</summary>
    public int[] Live { get; }

    public double[] ActLevel { get; }

    public MinHeap CapHeap { get; }

    public MinHeap ConstraintHeap { get; }

    /// <summary>Constraints touched by one activation batch (each at most once).</summary>
    public int[] Dirty { get; }

    /// <summary>Where pooled results rent their arrays when the workspace is kept (null: the shared array pool).</summary>
    public ItemArrayStock? Stock { get; }

    public bool Fits(int items, int constraints) => State.Length == items && Constraints.Length == constraints;

    /// <summary>Empties the queues (the constraint states are set by the solve itself).</summary>
    public void Reset()
    {
        CapHeap.Clear();
        ConstraintHeap.Clear();
    }
}
