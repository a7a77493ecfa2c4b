using Npgsql;

namespace CentralSystem.Storage.Writes;

/// <summary>
/// One statement that the group-commit writer runs inside a shared transaction. Every statement must produce a row
/// set (a RETURNING clause or a SELECT), so that result sets line up one-to-one with statements in the batch.
/// </summary>
public abstract class BatchedWrite
{
    internal abstract NpgsqlBatchCommand CreateCommand();

    internal abstract ValueTask ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken);

    internal abstract void Complete();

    internal abstract void Fail(Exception exception);
}
