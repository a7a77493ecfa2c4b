namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Effective node limits as parallel arrays (NaN = no limit in that unit): an array of 5,000 48-byte structs would be
/// large-object-heap sized and cost a gen-2 collection per calculation.
/// </summary>
internal sealed class NodeLimitTable(int count)
{
    private readonly double[] _a = new double[count];
    private readonly double[] _w = new double[count];
    private readonly LineageEntry?[] _aSource = new LineageEntry?[count];
    private readonly LineageEntry?[] _wSource = new LineageEntry?[count];

    public int Length => _a.Length;

    public NodeLimit this[int v]
    {
        get => new(double.IsNaN(_a[v]) ? null : _a[v], _aSource[v], double.IsNaN(_w[v]) ? null : _w[v], _wSource[v]);
        set
        {
            _a[v] = value.CurrentA ?? double.NaN;
            _w[v] = value.PowerW ?? double.NaN;
            _aSource[v] = value.CurrentSource;
            _wSource[v] = value.PowerSource;
        }
    }
}
