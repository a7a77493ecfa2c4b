using Npgsql;

namespace CentralSystem.Storage.Writes;

/// <summary>
/// One statement that the group-commit writer runs inside a shared transaction. Every statement must produce a row
/// set (a RETURNING clause or a SELECT), so that result sets line up one-to-one with statements in the batch.
/// </summary>
public abstract class BatchedWrite
{
    internal abstract NpgsqlBatchCommand CreateCommand();

    /// <summary>Writes with the same non-null key are merged into one statement (see <see cref="RowBatch{TRow, TResult}"/>).</summary>
    internal virtual object? MergeKey => null;

    /// <summary>One statement for <paramref name="group"/> (all with this write's <see cref="MergeKey"/>, this one first).</summary>
    internal virtual NpgsqlBatchCommand CreateMergedCommand(IReadOnlyList<BatchedWrite> group) =>
        throw new NotSupportedException($"{GetType().Name} has no merge key");

    /// <summary>Reads the merged statement's row set on behalf of every write in <paramref name="group"/>.</summary>
    internal virtual ValueTask ReadMergedAsync(NpgsqlDataReader reader, IReadOnlyList<BatchedWrite> group, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} has no merge key");

    internal abstract ValueTask ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken);

    internal abstract void Complete();

    internal abstract void Fail(Exception exception);
}
