namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Item bounds as parallel arrays: an array of 10,000 32-byte structs would land on the large-object heap (and cost a
/// gen-2 collection per calculation); four 80 KB arrays do not.
/// </summary>
internal sealed class BoundsTable(int count)
{
    private readonly double[] _floor = new double[count];
    private readonly double[] _cap = new double[count];
    private readonly double[] _weight = new double[count];
    private readonly LineageEntry[] _source = new LineageEntry[count];

    public ItemBounds.Bounds this[int e]
    {
        get => new(_floor[e], _cap[e], _weight[e], _source[e]);
        set => (_floor[e], _cap[e], _weight[e], _source[e]) = (value.Floor, value.Cap, value.Weight, value.CapSource);
    }

    public double Floor(int e) => _floor[e];

    public double Cap(int e) => _cap[e];

    public double Weight(int e) => _weight[e];

    public LineageEntry CapSource(int e) => _source[e];
}
