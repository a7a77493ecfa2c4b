using Dapper;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace CentralSystem.Server.Dashboard;

/// <summary>
/// Pushes access denials to dashboards. Access decisions are committed to <c>access_events</c> before the charger is
/// answered but are not domain events, so this follows the table by id (primary key) every 500 ms while at least one
/// dashboard is connected: nothing is added to the OCPP path.
/// </summary>
public sealed partial class AccessDenialWatcher(
    NpgsqlDataSource dataSource, IHubContext<DashboardHub, IDashboardClient> hub, DashboardPresence presence, TimeProvider time,
    ILogger<AccessDenialWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private sealed record Row(long Id, DateTime OccurredAt, string ChargerId, int? EvseId, int? ConnectorId, string Identifier, string? IdentifierType, string Reason,
        string Decision);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? lastId = null;
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (presence.Count == 0)
                {
                    lastId = null; // start from "now" again when someone watches
                    continue;
                }

                try
                {
                    lastId = await PollAsync(lastId, stoppingToken);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    LogPollFailed(ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task<long> PollAsync(long? lastId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (lastId is null)
        {
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT coalesce(max(id), 0) FROM access_events", cancellationToken: cancellationToken));
        }

        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, occurred_at AS OccurredAt, charger_id AS ChargerId, evse_id AS EvseId, connector_id AS ConnectorId,
                   identifier AS Identifier, identifier_type AS IdentifierType, reason AS Reason, decision AS Decision
            FROM access_events WHERE id > @lastId ORDER BY id LIMIT 500
            """, new { lastId }, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return lastId.Value;
        }

        var events = rows.Where(r => r.Decision == "Denied").Select(r => new DashboardEvent("accessDenied", new DateTimeOffset(DateTime.SpecifyKind(r.OccurredAt, DateTimeKind.Utc)), r.ChargerId,
            EvseId: r.EvseId, ConnectorId: r.ConnectorId, Identifier: r.IdentifierType is null ? r.Identifier : $"{r.Identifier} ({r.IdentifierType})",
            Reason: r.Reason)).ToList();
        if (events.Count == 0)
        {
            return rows[^1].Id;
        }

        await hub.Clients.Group(DashboardGroups.All).Events(events);
        foreach (var perCharger in events.GroupBy(e => e.ChargerId))
        {
            await hub.Clients.Group(DashboardGroups.Charger(perCharger.Key)).Events(perCharger.ToList());
        }

        return rows[^1].Id;
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Polling access denials for the dashboard failed")]
    private partial void LogPollFailed(Exception exception);
}
