using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CentralSystem.Storage.Repositories;

/// <summary>
/// Raw OCPP frames for the operator's "recent frames" view. Diagnostic data, so it is written off the message path:
/// frames queue in memory and are copied in bulk; when the queue is full, frames are dropped and counted rather than
/// slowing chargers down.
/// </summary>
public sealed partial class PgFrameStore : IAsyncDisposable
{
    private const int QueueCapacity = 50_000;
    private const int MaxCopyRows = 5_000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PgFrameStore> _logger;
    private readonly Channel<(string ChargerId, bool Inbound, DateTimeOffset At, string Frame)> _queue;
    private readonly Task _loop;
    private long _dropped;

    public PgFrameStore(NpgsqlDataSource dataSource, ILogger<PgFrameStore> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _queue = Channel.CreateBounded<(string, bool, DateTimeOffset, string)>(new BoundedChannelOptions(QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
        _loop = Task.Run(FlushLoopAsync);
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Enqueue(string chargerId, bool inbound, DateTimeOffset at, string frame)
    {
        if (!_queue.Writer.TryWrite((chargerId, inbound, at, frame)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public async Task<IReadOnlyList<FrameRecord>> RecentAsync(string chargerId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string ChargerId, string Direction, DateTime At, string Frame)>(new CommandDefinition(
            "SELECT id, charger_id, direction, at, frame FROM frames WHERE charger_id = @chargerId ORDER BY id DESC LIMIT @limit",
            new { chargerId, limit },
            cancellationToken: cancellationToken));
        return rows.Select(r => new FrameRecord(r.Id, r.ChargerId, r.Direction, Utc.From(r.At), r.Frame)).ToList();
    }

    /// <summary>Deletes frames older than the retention; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM frames WHERE at < @olderThan", new { olderThan = olderThan.UtcDateTime }, cancellationToken: cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task FlushLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<(string ChargerId, bool Inbound, DateTimeOffset At, string Frame)>(MaxCopyRows);
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxCopyRows && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync();
                await using var import = await connection.BeginBinaryImportAsync("COPY frames (charger_id, direction, at, frame) FROM STDIN (FORMAT BINARY)");
                foreach (var (chargerId, inbound, at, frame) in batch)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(chargerId, NpgsqlDbType.Text);
                    await import.WriteAsync(inbound ? "in" : "out", NpgsqlDbType.Text);
                    await import.WriteAsync(at.UtcDateTime, NpgsqlDbType.TimestampTz);
                    await import.WriteAsync(frame, NpgsqlDbType.Text);
                }

                await import.CompleteAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                Interlocked.Add(ref _dropped, batch.Count);
                LogFlushFailed(ex, batch.Count);
            }

            batch.Clear();
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Could not store {Count} raw frames")]
    private partial void LogFlushFailed(Exception exception, int count);
}
