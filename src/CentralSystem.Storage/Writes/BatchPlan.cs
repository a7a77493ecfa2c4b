namespace CentralSystem.Storage.Writes;

/// <summary>
/// The statements of one batch: each plain write alone, each merge key's writes as one unit placed where the first
/// of them was queued. Reused by its writer loop, so building a plan allocates only for merged groups.
/// </summary>
internal sealed class BatchPlan
{
    private readonly Dictionary<object, int> _unitByKey = new(ReferenceEqualityComparer.Instance);

    public List<BatchUnit> Units { get; } = [];

    public IReadOnlyList<BatchedWrite> Writes { get; private set; } = [];

    public BatchPlan Build(IReadOnlyList<BatchedWrite> writes)
    {
        Units.Clear();
        _unitByKey.Clear();
        Writes = writes;
        foreach (var write in writes)
        {
            if (write.MergeKey is not { } key)
            {
                Units.Add(new BatchUnit(write, null));
            }
            else if (_unitByKey.TryGetValue(key, out var index))
            {
                var unit = Units[index];
                var group = unit.Merged ?? [unit.First];
                group.Add(write);
                Units[index] = unit with { Merged = group };
            }
            else
            {
                _unitByKey[key] = Units.Count;
                Units.Add(new BatchUnit(write, null));
            }
        }

        return this;
    }
}

/// <summary>One statement of a batch: a write alone, or <see cref="First"/> and the writes merged with it.</summary>
internal readonly record struct BatchUnit(BatchedWrite First, List<BatchedWrite>? Merged);
