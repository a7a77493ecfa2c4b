using System.Collections.Concurrent;
using CentralSystem.Domain.Chargers;
using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Transport;
using Microsoft.Extensions.Options;

namespace CentralSystem.Server.Access;

/// <summary>
/// Applies a missed or refused mode switch when a charger comes back. Connect and boot callbacks only note a due time
/// (never blocking the receive loop); a sweep runs what is due with bounded concurrency. A boot is handled after
/// <see cref="AccessOptions.ApplyDelaySeconds"/> (after its BootNotification answer); a bare reconnect waits longer,
/// because a charger that is about to boot should not get CALLs before its BootNotification.
/// </summary>
public sealed partial class AccessSessionObserver(
    IServiceProvider services,
    IOptionsMonitor<AccessOptions> options,
    TimeProvider time,
    ILogger<AccessSessionObserver> logger) : BackgroundService, IChargerSessionObserver
{
    private const int MaxConcurrent = 8;
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, long> _due = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _running = new(MaxConcurrent, MaxConcurrent);

    public void OnConnected(string chargerId, OcppVersion version) => RequestApply(chargerId, ReconnectDelay);

    public void OnBooted(string chargerId, OcppVersion version, ChargerRegistrationStatus status)
    {
        if (status == ChargerRegistrationStatus.Accepted)
        {
            RequestApply(chargerId, TimeSpan.FromSeconds(options.CurrentValue.ApplyDelaySeconds));
        }
    }

    public override void Dispose()
    {
        _running.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.GetTimestamp();
                foreach (var (chargerId, due) in _due)
                {
                    if (due <= now && _due.TryRemove(KeyValuePair.Create(chargerId, due)))
                    {
                        await _running.WaitAsync(stoppingToken);
                        _ = RunAsync(chargerId, stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Reconcile and apply <paramref name="chargerId"/> after <paramref name="delay"/>, off the caller's path.</summary>
    public void RequestApply(string chargerId, TimeSpan delay)
    {
        var due = time.GetTimestamp() + (long)(delay.TotalSeconds * time.TimestampFrequency);
        _due.AddOrUpdate(chargerId, due, (_, existing) => Math.Min(existing, due));
    }

    private async Task RunAsync(string chargerId, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<AccessModeCoordinator>().OnChargerBackAsync(chargerId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
#pragma warning disable CA1031 // A background apply must never crash the host; the switch stays Pending and is retried.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReconnectApplyFailed(ex, chargerId);
        }
        finally
        {
            _running.Release();
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Applying the access mode to {ChargePointId} after it came back failed")]
    private partial void LogReconnectApplyFailed(Exception exception, string chargePointId);
}
