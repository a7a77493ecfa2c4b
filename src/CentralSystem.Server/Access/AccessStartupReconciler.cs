using CentralSystem.Storage.Repositories.Access;

namespace CentralSystem.Server.Access;

/// <summary>
/// After a restart, computes the mode that should hold now for every configured charger and reconciles (records it,
/// reschedules its next edge, applies what changed) — instead of replaying every edge missed while the server was down.
/// </summary>
internal sealed partial class AccessStartupReconciler(
    PgAccessScheduleRepository schedules,
    AccessModeCoordinator coordinator,
    IHostApplicationLifetime lifetime,
    ILogger<AccessStartupReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wait until the host (and Quartz) has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        IReadOnlyList<string> chargerIds;
        try
        {
            chargerIds = await schedules.ListConfiguredChargersAsync(null, stoppingToken);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            LogReconcileFailed(ex, "*");
            return;
        }

        await Parallel.ForEachAsync(chargerIds, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stoppingToken }, async (chargerId, ct) =>
        {
            try
            {
                await coordinator.ReconcileAsync(chargerId, "Startup", null, true, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One charger's failure must not stop the others from being reconciled.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogReconcileFailed(ex, chargerId);
            }
        });
        LogReconciled(chargerIds.Count);
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Access modes reconciled for {Count} chargers after startup")]
    private partial void LogReconciled(int count);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Warning, Message = "Startup access reconcile failed for {ChargePointId}")]
    private partial void LogReconcileFailed(Exception exception, string chargePointId);
}
