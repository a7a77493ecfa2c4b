using Npgsql;

namespace CentralSystem.Storage.Writes;

/// <summary>One row of a <see cref="RowBatch{TRow}"/>; completes after the COMMIT of the statement it was merged into.</summary>
internal sealed class RowWrite<TRow>(RowBatch<TRow> kind, TRow row) : BatchedWrite
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => _completion.Task;

    internal override object? MergeKey => kind;

    internal override NpgsqlBatchCommand CreateCommand() => kind.CreateCommand([row]);

    internal override NpgsqlBatchCommand CreateMergedCommand(IReadOnlyList<BatchedWrite> group)
    {
        var rows = new TRow[group.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = ((RowWrite<TRow>)group[i]).Row;
        }

        return kind.CreateCommand(rows);
    }

    internal override async ValueTask ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
        }
    }

    internal override void Complete() => _completion.TrySetResult();

    internal override void Fail(Exception exception) => _completion.TrySetException(exception);

    private TRow Row => row;
}
