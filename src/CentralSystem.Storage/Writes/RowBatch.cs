using Npgsql;

namespace CentralSystem.Storage.Writes;

/// <summary>
/// One kind of row write that the group-commit writer merges: every row of this kind queued in a batch goes into a
/// single statement over arrays (<c>unnest</c>), instead of one statement per row. PostgreSQL's fixed cost per
/// statement (executor start-up, snapshot, per-statement index descent) and Npgsql's per-statement binding were
/// a large part of the CPU of a StatusNotification or MeterValues write; a merged statement pays them once per batch.
/// A kind is a singleton; <see cref="Bind"/> must give the same SQL shape for one row or many (a lone row and a
/// retry after a failed batch use it with one row), and the statement must produce one row set.
/// Rows of a kind may be reordered relative to other kinds within a batch, so a kind's effect must commute with
/// the other writes that can be queued at the same time (one CALL in flight per charger keeps a charger's own
/// writes in separate batches; this only concerns different chargers, or a handler's own concurrent writes).
/// </summary>
/// <typeparam name="TResult">What each caller learns from the statement (e.g. whether its row was new).</typeparam>
public abstract class RowBatch<TRow, TResult>
{
    /// <summary>The statement; parameters are arrays with one element per row.</summary>
    protected abstract string Sql { get; }

    protected abstract NpgsqlParameter[] Bind(IReadOnlyList<TRow> rows);

    /// <summary>Reads the statement's row set and returns one result per row of <paramref name="rows"/>, in order.</summary>
    protected abstract ValueTask<TResult[]> ReadAsync(NpgsqlDataReader reader, IReadOnlyList<TRow> rows, CancellationToken cancellationToken);

    internal NpgsqlBatchCommand CreateCommand(IReadOnlyList<TRow> rows)
    {
        var command = new NpgsqlBatchCommand(Sql);
        command.Parameters.AddRange(Bind(rows));
        return command;
    }

    internal ValueTask<TResult[]> ReadResultsAsync(NpgsqlDataReader reader, IReadOnlyList<TRow> rows, CancellationToken cancellationToken) =>
        ReadAsync(reader, rows, cancellationToken);
}

/// <summary>A <see cref="RowBatch{TRow, TResult}"/> whose callers only need to know that their row is durable.</summary>
public abstract class RowBatch<TRow> : RowBatch<TRow, bool>
{
    protected sealed override async ValueTask<bool[]> ReadAsync(NpgsqlDataReader reader, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
        }

        return Enumerable.Repeat(true, rows.Count).ToArray();
    }
}
