using Npgsql;

namespace CentralSystem.Storage.Writes;

/// <summary>One row of a <see cref="RowBatch{TRow, TResult}"/>; completes after the COMMIT of the statement it was merged into.</summary>
internal sealed class RowWrite<TRow, TResult>(RowBatch<TRow, TResult> kind, TRow row) : BatchedWrite
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult _result = default!;

    public Task<TResult> Task => _completion.Task;

    internal override object? MergeKey => kind;

    internal override NpgsqlBatchCommand CreateCommand() => kind.CreateCommand([row]);

    internal override NpgsqlBatchCommand CreateMergedCommand(IReadOnlyList<BatchedWrite> group) => kind.CreateCommand(RowsOf(group));

    internal override ValueTask ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        ReadMergedAsync(reader, [this], cancellationToken);

    internal override async ValueTask ReadMergedAsync(NpgsqlDataReader reader, IReadOnlyList<BatchedWrite> group, CancellationToken cancellationToken)
    {
        var results = await kind.ReadResultsAsync(reader, RowsOf(group), cancellationToken);
        for (var i = 0; i < group.Count; i++)
        {
            ((RowWrite<TRow, TResult>)group[i])._result = results[i];
        }
    }

    internal override void Complete() => _completion.TrySetResult(_result);

    internal override void Fail(Exception exception) => _completion.TrySetException(exception);

    private static TRow[] RowsOf(IReadOnlyList<BatchedWrite> group)
    {
        var rows = new TRow[group.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = ((RowWrite<TRow, TResult>)group[i]).Row;
        }

        return rows;
    }

    private TRow Row => row;
}
