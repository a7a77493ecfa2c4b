using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CentralSystem.Storage.Writes;

/// <summary>
/// Durable-before-acknowledged without paying an fsync per message: writes queue here, and each writer loop runs
/// everything queued since its last commit as one NpgsqlBatch in one transaction, then completes every caller.
/// Row writes of the same <see cref="RowBatch{TRow, TResult}"/> kind in a batch become one statement.
/// No timer: a lone write commits at once; under load batches form while the previous commit is in flight.
/// </summary>
public sealed partial class GroupCommitWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly int _maxBatch;
    private readonly Channel<BatchedWrite> _queue = Channel.CreateUnbounded<BatchedWrite>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _loops;
    private readonly bool _ownsDataSource;

    public GroupCommitWriter(NpgsqlDataSource dataSource, IOptions<GroupCommitOptions> options, ILogger<GroupCommitWriter> logger)
        : this(dataSource, options, logger, ownsDataSource: false)
    {
    }

    /// <param name="ownsDataSource">Dispose <paramref name="dataSource"/> with the writer (a data source made for it alone).</param>
    public GroupCommitWriter(NpgsqlDataSource dataSource, IOptions<GroupCommitOptions> options, ILogger<GroupCommitWriter> logger, bool ownsDataSource)
    {
        _ownsDataSource = ownsDataSource;
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _logger = logger;
        _maxBatch = Math.Max(1, options.Value.MaxBatchSize);
        _loops = Enumerable.Range(0, Math.Max(1, options.Value.Writers)).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    public Task<T> WriteAsync<T>(BatchedWrite<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!_queue.Writer.TryWrite(write))
        {
            write.Fail(new ObjectDisposedException(nameof(GroupCommitWriter)));
        }

        return write.Task;
    }

    /// <summary>Queues one row of <paramref name="kind"/>; completes after the COMMIT that made it durable.</summary>
    public Task<TResult> WriteRowAsync<TRow, TResult>(RowBatch<TRow, TResult> kind, TRow row)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var write = new RowWrite<TRow, TResult>(kind, row);
        if (!_queue.Writer.TryWrite(write))
        {
            write.Fail(new ObjectDisposedException(nameof(GroupCommitWriter)));
        }

        return write.Task;
    }

    public async ValueTask DisposeAsync()
    {
        // Drain: writes already queued are committed before shutdown completes.
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<BatchedWrite>(_maxBatch);
        var plan = new BatchPlan();
        var reader = _queue.Reader;
        NpgsqlConnection? connection = null;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                while (batch.Count < _maxBatch && reader.TryRead(out var write))
                {
                    batch.Add(write);
                }

                try
                {
                    connection = await ExecuteAsync(connection, plan.Build(batch));
                }
                catch (Exception ex) when (batch.Count > 1)
                {
                    // One bad statement must not fail its neighbours: run them one by one so only it fails.
                    connection = await DiscardAsync(connection);
                    LogBatchFailed(ex, batch.Count);
                    foreach (var single in batch)
                    {
                        try
                        {
                            connection = await ExecuteAsync(connection, plan.Build([single]));
                        }
                        catch (Exception singleEx)
                        {
                            connection = await DiscardAsync(connection);
                            single.Fail(singleEx);
                        }
                    }
                }
                catch (Exception ex)
                {
                    connection = await DiscardAsync(connection);
                    batch[0].Fail(ex);
                }

                batch.Clear();
            }
        }
        finally
        {
            await DiscardAsync(connection);
        }
    }

    /// <summary>
    /// Runs one batch in one transaction on the loop's own connection, kept open between batches: returning it to
    /// the pool after every commit made Npgsql reset the session (four statements) per batch.
    /// </summary>
    private async Task<NpgsqlConnection> ExecuteAsync(NpgsqlConnection? connection, BatchPlan plan)
    {
        var token = CancellationToken.None;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                connection ??= await _dataSource.OpenConnectionAsync(token);

                // An explicit transaction, although a batch without one is also atomic (one Sync, one implicit
                // transaction) and saves the COMMIT round trip: measured on the write benchmark, PostgreSQL spent
                // ~75-100 µs of CPU per call that way against ~38 µs with BEGIN/COMMIT.
                await using var transaction = await connection.BeginTransactionAsync(token);
                await using var batch = new NpgsqlBatch(connection, transaction);
                foreach (var unit in plan.Units)
                {
                    batch.BatchCommands.Add(unit.Merged is { } group ? unit.First.CreateMergedCommand(group) : unit.First.CreateCommand());
                }

                await using (var reader = await batch.ExecuteReaderAsync(token))
                {
                    for (var i = 0; i < plan.Units.Count; i++)
                    {
                        var unit = plan.Units[i];
                        await (unit.Merged is { } group ? unit.First.ReadMergedAsync(reader, group, token) : unit.First.ReadAsync(reader, token));
                        if (i < plan.Units.Count - 1 && !await reader.NextResultAsync(token))
                        {
                            throw new InvalidOperationException("A batched statement produced no row set: every statement needs RETURNING or SELECT");
                        }
                    }
                }

                await transaction.CommitAsync(token);
                break;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < 3)
            {
                connection = await DiscardAsync(connection);
                LogTransientRetry(ex, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), token);
            }
        }

        foreach (var write in plan.Writes)
        {
            write.Complete();
        }

        return connection;
    }

    private static async Task<NpgsqlConnection?> DiscardAsync(NpgsqlConnection? connection)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        return null;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "A batch of {Count} writes failed; retrying them one by one")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Transient database error (attempt {Attempt}); retrying")]
    private partial void LogTransientRetry(Exception exception, int attempt);
}
