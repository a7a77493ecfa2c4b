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
        FixedUse = new double[constraints];
        Saturated = new bool[constraints];
        Slope = new double[constraints];
        Rising = new int[constraints];
        Version = new int[constraints];
        DirtyStamp = new int[constraints];
        State = new byte[items];
        ActItems = new int[items];
        ActLevel = new double[items];
        CapHeap = new MinHeap(items);
        ConstraintHeap = new MinHeap(2 * constraints);
    }

    public double[] FixedUse { get; }

    public double[] Slope { get; }

    public bool[] Saturated { get; }

    public int[] Rising { get; }

    public int[] Version { get; }

    public int[] DirtyStamp { get; }

    public byte[] State { get; }

    public int[] ActItems { get; }

    public double[] ActLevel { get; }

    public MinHeap CapHeap { get; }

    public MinHeap ConstraintHeap { get; }

    public List<int> Dirty { get; } = [];

    /// <summary>Where pooled results rent their arrays when the workspace is kept (null: the shared array pool).</summary>
    public ItemArrayStock? Stock { get; }

    public bool Fits(int items, int constraints) => State.Length == items && FixedUse.Length == constraints;

    /// <summary>Clears what the engine expects to start at zero.</summary>
    public void Reset()
    {
        Array.Clear(FixedUse);
        Array.Clear(Saturated);
        Array.Clear(Slope);
        Array.Clear(Rising);
        Array.Clear(Version);
        Array.Clear(DirtyStamp);
        CapHeap.Clear();
        ConstraintHeap.Clear();
        Dirty.Clear();
    }
}
