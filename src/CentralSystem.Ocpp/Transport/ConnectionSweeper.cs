using Microsoft.Extensions.Hosting;

namespace CentralSystem.Ocpp.Transport;

/// <summary>
/// One periodic walk over all connections (not a timer per charger) that expires overdue CSMS→charger CALLs.
/// Dead sockets are detected by the WebSocket keep-alive (ping + pong timeout) configured at accept.
/// </summary>
public sealed class ConnectionSweeper(ConnectionRegistry registry, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.GetTimestamp();
                foreach (var connection in registry.All)
                {
                    connection.ExpireOverdueCall(now);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
