using CentralSystem.Domain.Chargers;
using CentralSystem.Ocpp.Transport;
using CentralSystem.Storage.Repositories;
using Microsoft.Extensions.Options;

namespace CentralSystem.Server.Hosting;

/// <summary>
/// Persists "last seen" for connected chargers in one statement every few seconds, so Heartbeats cost no write of
/// their own; also prunes old raw frames.
/// </summary>
internal sealed partial class PresenceFlusher(
    ConnectionRegistry registry,
    IChargerRepository chargers,
    PgFrameStore frames,
    IOptions<FrameLogOptions> frameOptions,
    TimeProvider time,
    ILogger<PresenceFlusher> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PrunePeriod = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        var lastFlushed = time.GetTimestamp();
        var lastPruned = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.GetUtcNow();
                var seen = registry.All
                    .Where(c => c.LastInboundTimestamp > lastFlushed)
                    .Select(c => (c.ChargerId, now - time.GetElapsedTime(c.LastInboundTimestamp)))
                    .ToList();
                lastFlushed = time.GetTimestamp();
                try
                {
                    await chargers.TouchAsync(seen, stoppingToken);
                    if (lastPruned == 0 || time.GetElapsedTime(lastPruned) >= PrunePeriod)
                    {
                        lastPruned = time.GetTimestamp();
                        await frames.PruneAsync(now.AddHours(-frameOptions.Value.FrameRetentionHours), stoppingToken);
                    }
                }
                catch (Npgsql.NpgsqlException ex)
                {
                    LogFlushFailed(ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Could not persist charger presence")]
    private partial void LogFlushFailed(Exception exception);
}
