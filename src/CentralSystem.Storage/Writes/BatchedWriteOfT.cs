using Npgsql;

namespace CentralSystem.Storage.Writes;

/// <summary>A statement plus how to read its result; the caller awaits <see cref="Task"/>, which completes after COMMIT.</summary>
public sealed class BatchedWrite<T>(string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, CancellationToken, ValueTask<T>> read)
    : BatchedWrite
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Task => _completion.Task;

    internal override NpgsqlBatchCommand CreateCommand()
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            // A statement may be retried alone after a failed batch: parameters can belong to one command at a time.
            command.Parameters.Add(parameter.Collection is null ? parameter : parameter.Clone());
        }

        return command;
    }

    internal override async ValueTask ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        _result = await read(reader, cancellationToken);

    internal override void Complete() => _completion.TrySetResult(_result);

    internal override void Fail(Exception exception) => _completion.TrySetException(exception);
}
