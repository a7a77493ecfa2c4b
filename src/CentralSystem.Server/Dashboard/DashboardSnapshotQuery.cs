using CentralSystem.Domain.Chargers;
using CentralSystem.Ocpp.Transport;
using Dapper;
using Npgsql;

namespace CentralSystem.Server.Dashboard;

/// <summary>Builds the dashboard snapshot: chargers with presence, connector states and running sessions.</summary>
public sealed class DashboardSnapshotQuery(
    NpgsqlDataSource dataSource, IChargerRepository chargers, ConnectionRegistry registry, LiveChargerState live, TimeProvider time)
{
    private sealed record ConnectorRow(string ChargerId, int EvseId, int ConnectorId, string Status, string? ErrorCode, DateTime ReportedAt);

    private sealed record AccessRow(string ChargerId, string DesiredMode, string? DesiredRule, DateTime? NextSwitchAt);

    private sealed record SessionRow(long Id, string ChargerId, string TransactionId, int? EvseId, int? ConnectorId, string? IdToken,
        DateTime StartedAt, decimal? MeterStartWh, decimal? FirstMeterWh, decimal? LastMeterWh);

    public async Task<DashboardSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var records = await chargers.ListAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var connectors = (await connection.QueryAsync<ConnectorRow>(new CommandDefinition(
            """
            SELECT charger_id AS ChargerId, evse_id AS EvseId, connector_id AS ConnectorId, status AS Status,
                   error_code AS ErrorCode, reported_at AS ReportedAt
            FROM connector_status ORDER BY charger_id, evse_id, connector_id
            """, cancellationToken: cancellationToken))).ToLookup(r => r.ChargerId);
        // Kept current by the schedule edges (Quartz) and reconciled at start-up; modes are Freevend or Managed, so the
        // next switch goes to the other one.
        var access = (await connection.QueryAsync<AccessRow>(new CommandDefinition(
            "SELECT charger_id AS ChargerId, desired_mode AS DesiredMode, desired_rule AS DesiredRule, next_switch_at AS NextSwitchAt FROM access_charger_state",
            cancellationToken: cancellationToken))).ToDictionary(r => r.ChargerId, r => new DashboardAccess(r.DesiredMode, r.DesiredRule,
                r.NextSwitchAt is { } next ? AsUtc(next) : null, r.NextSwitchAt is null ? null : r.DesiredMode == "Managed" ? "Freevend" : "Managed"));
        var sessions = await connection.QueryAsync<SessionRow>(new CommandDefinition(
            """
            SELECT id AS Id, charger_id AS ChargerId, transaction_id AS TransactionId, evse_id AS EvseId, connector_id AS ConnectorId,
                   id_token AS IdToken, started_at AS StartedAt, meter_start_wh AS MeterStartWh, first_meter_wh AS FirstMeterWh,
                   last_meter_wh AS LastMeterWh
            FROM sessions WHERE status = 'Active' ORDER BY started_at DESC LIMIT 2000
            """, cancellationToken: cancellationToken));

        var chargerViews = records.Select(c =>
        {
            var connected = registry.TryGet(c.Id, out var open);
            DateTimeOffset? lastSeen = connected && open.LastInboundTimestamp != 0
                ? now - time.GetElapsedTime(open.LastInboundTimestamp)
                : c.LastSeenAt;
            return new DashboardCharger(c.Id, c.Status.ToString(), connected, c.OcppVersion, c.Identity?.Vendor, c.Identity?.Model, lastSeen,
                connectors[c.Id].Select(r => new DashboardConnector(r.EvseId, r.ConnectorId, r.Status, r.ErrorCode, AsUtc(r.ReportedAt))).ToList(),
                access.GetValueOrDefault(c.Id));
        }).ToList();

        var sessionViews = sessions.Select(s =>
        {
            var meter = live.Find(s.ChargerId, s.EvseId, s.ConnectorId);
            var start = s.MeterStartWh ?? s.FirstMeterWh;
            var register = meter?.Reading.EnergyWh ?? s.LastMeterWh;
            decimal? energy = start is not null && register is not null ? Math.Max(0, register.Value - start.Value) : null;
            return new DashboardSession(s.Id, s.ChargerId, s.TransactionId, s.EvseId, s.ConnectorId, s.IdToken, AsUtc(s.StartedAt), start, energy,
                meter?.Reading.PowerW);
        }).ToList();

        return new DashboardSnapshot(now, chargerViews, sessionViews);
    }

    private static DateTimeOffset AsUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
