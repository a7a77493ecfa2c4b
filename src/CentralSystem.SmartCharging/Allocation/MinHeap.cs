namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// A binary min-heap of (key, value) in two parallel arrays. Unlike PriorityQueue's array of tuples, 10,000 entries
/// stay below the large-object-heap threshold, which keeps a 10,000-EVSE allocation free of gen-2 collections.
/// </summary>
internal sealed class MinHeap
{
    private double[] _keys;
    private long[] _values;

    public MinHeap(int capacity)
    {
        _keys = new double[Math.Max(4, capacity)];
        _values = new long[_keys.Length];
    }

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    /// <summary>Adds without ordering; call <see cref="Heapify"/> before the first peek.</summary>
    public void AddUnordered(double key, long value)
    {
        Grow();
        _keys[Count] = key;
        _values[Count++] = value;
    }

    /// <summary>Floyd's bottom-up construction: O(n).</summary>
    public void Heapify()
    {
        for (var i = (Count / 2) - 1; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    public void Push(double key, long value)
    {
        Grow();
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_keys[parent] <= key)
            {
                break;
            }

            _keys[i] = _keys[parent];
            _values[i] = _values[parent];
            i = parent;
        }

        _keys[i] = key;
        _values[i] = value;
    }

    public bool TryPeek(out double key, out long value)
    {
        if (Count == 0)
        {
            key = double.PositiveInfinity;
            value = -1;
            return false;
        }

        key = _keys[0];
        value = _values[0];
        return true;
    }

    public void Pop()
    {
        Count--;
        if (Count > 0)
        {
            _keys[0] = _keys[Count];
            _values[0] = _values[Count];
            SiftDown(0);
        }
    }

    private void SiftDown(int i)
    {
        var key = _keys[i];
        var value = _values[i];
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && _keys[child + 1] < _keys[child])
            {
                child++;
            }

            if (_keys[child] >= key)
            {
                break;
            }

            _keys[i] = _keys[child];
            _values[i] = _values[child];
            i = child;
        }

        _keys[i] = key;
        _values[i] = value;
    }

    private void Grow()
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _values, _values.Length * 2);
        }
    }
}
