using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CentralSystem.Storage.Writes;

/// <summary>
/// Durable-before-acknowledged without paying an fsync per message: writes queue here, and each writer loop runs
/// everything queued since its last commit as one NpgsqlBatch in one transaction, then completes every caller.
/// No timer: a lone write commits at once; under load batches form while the previous commit is in flight.
/// </summary>
public sealed partial class GroupCommitWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly int _maxBatch;
    private readonly Channel<BatchedWrite> _queue = Channel.CreateUnbounded<BatchedWrite>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _loops;

    public GroupCommitWriter(NpgsqlDataSource dataSource, IOptions<GroupCommitOptions> options, ILogger<GroupCommitWriter> logger)
    {
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

    public async ValueTask DisposeAsync()
    {
        // Drain: writes already queued are committed before shutdown completes.
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private async Task RunAsync()
    {
        var batch = new List<BatchedWrite>(_maxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                await ExecuteAsync(batch);
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                // One bad statement must not fail its neighbours: run them one by one so only it fails.
                LogBatchFailed(ex, batch.Count);
                foreach (var single in batch)
                {
                    try
                    {
                        await ExecuteAsync([single]);
                    }
                    catch (Exception singleEx)
                    {
                        single.Fail(singleEx);
                    }
                }
            }
            catch (Exception ex)
            {
                batch[0].Fail(ex);
            }

            batch.Clear();
        }
    }

    private async Task ExecuteAsync(List<BatchedWrite> writes)
    {
        var token = CancellationToken.None;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(token);
                await using var transaction = await connection.BeginTransactionAsync(token);
                await using var batch = new NpgsqlBatch(connection, transaction);
                foreach (var write in writes)
                {
                    batch.BatchCommands.Add(write.CreateCommand());
                }

                await using (var reader = await batch.ExecuteReaderAsync(token))
                {
                    for (var i = 0; i < writes.Count; i++)
                    {
                        await writes[i].ReadAsync(reader, token);
                        if (i < writes.Count - 1 && !await reader.NextResultAsync(token))
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
                LogTransientRetry(ex, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), token);
            }
        }

        foreach (var write in writes)
        {
            write.Complete();
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "A batch of {Count} writes failed; retrying them one by one")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Transient database error (attempt {Attempt}); retrying")]
    private partial void LogTransientRetry(Exception exception, int attempt);
}
