using CentralSystem.Domain.Access;
using CentralSystem.Storage.Writes;
using Dapper;
using Npgsql;

namespace CentralSystem.Storage.Repositories.Access;

public sealed class PgAccessDecisionStore(NpgsqlDataSource dataSource, GroupCommitWriter writer) : IAccessDecisionStore
{
    public async Task<EffectiveSchedule?> FindEffectiveScheduleAsync(string chargerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<EffectiveRow>(new CommandDefinition(
            """
            SELECT c.site_id, COALESCE(c.time_zone, s.time_zone) AS time_zone, COALESCE(c.schedule, s.schedule)::text AS schedule,
                   c.schedule IS NOT NULL AS own
            FROM access_charger_schedules c LEFT JOIN access_sites s ON s.id = c.site_id
            WHERE c.charger_id = @chargerId
            """,
            new { chargerId },
            cancellationToken: cancellationToken));
        if (row?.Schedule is null || row.TimeZone is null)
        {
            return null;
        }

        return new EffectiveSchedule(ScheduleJson.Deserialize(row.Schedule)!.In(row.TimeZone), row.Own ? ScheduleSource.Charger : ScheduleSource.Site, row.SiteId);
    }

    public async Task<IdentifierMatch?> FindIdentifierAsync(string identifierKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MatchRow>(new CommandDefinition(
            """
            SELECT v.id AS vehicle_id, v.access_class, i.identifier_type, a.id AS agreement_id, a.name AS agreement_name,
                   a.valid_from, a.valid_to, a.site_ids, a.charger_ids
            FROM access_identifiers i
            JOIN access_vehicles v ON v.id = i.vehicle_id
            LEFT JOIN access_agreements a ON a.id = v.agreement_id
            WHERE i.identifier_key = @identifierKey
            """,
            new { identifierKey },
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var agreement = row.AgreementId is null
            ? null
            : new Agreement(row.AgreementId, row.AgreementName ?? "", Utc.From(row.ValidFrom), Utc.From(row.ValidTo), row.SiteIds ?? [], row.ChargerIds ?? []);
        return new IdentifierMatch(row.VehicleId, Enum.Parse<AccessClass>(row.AccessClass), Enum.Parse<IdentifierType>(row.IdentifierType), agreement);
    }

    public Task RecordEventAsync(AccessEvent accessEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accessEvent);
        return writer.WriteAsync(new BatchedWrite<bool>(
            """
            INSERT INTO access_events (occurred_at, charger_id, evse_id, connector_id, identifier, identifier_type, access_class, decision,
                reason, mode, rule, protocol, trigger, vehicle_id, agreement_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING 1
            """,
            [
                Param.Time(accessEvent.OccurredAt), Param.Text(accessEvent.ChargerId), Param.Int(accessEvent.EvseId), Param.Int(accessEvent.ConnectorId),
                Param.Text(accessEvent.Identifier), Param.Text(accessEvent.IdentifierType), Param.Text(accessEvent.Class.ToString()),
                Param.Text(accessEvent.Allowed ? "Allowed" : "Denied"), Param.Text(accessEvent.Reason.ToString()), Param.Text(accessEvent.Mode?.ToString()),
                Param.Text(accessEvent.Rule), Param.Text(accessEvent.Protocol), Param.Text(accessEvent.Trigger.ToString()),
                Param.Text(accessEvent.VehicleId), Param.Text(accessEvent.AgreementId),
            ],
            Reads.AnyRow));
    }

    private sealed class EffectiveRow
    {
        public string? SiteId { get; init; }
        public string? TimeZone { get; init; }
        public string? Schedule { get; init; }
        public bool Own { get; init; }
    }

    private sealed class MatchRow
    {
        public string VehicleId { get; init; } = "";
        public string AccessClass { get; init; } = "";
        public string IdentifierType { get; init; } = "";
        public string? AgreementId { get; init; }
        public string? AgreementName { get; init; }
        public DateTime? ValidFrom { get; init; }
        public DateTime? ValidTo { get; init; }
        public string[]? SiteIds { get; init; }
        public string[]? ChargerIds { get; init; }
    }
}
