using CentralSystem.Domain.Access;
using Dapper;
using Npgsql;

namespace CentralSystem.Storage.Repositories.Access;

/// <summary>Access sites and per-charger schedules.</summary>
public sealed class PgAccessScheduleRepository(NpgsqlDataSource dataSource)
{
    public async Task UpsertSiteAsync(AccessSiteRecord site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO access_sites (id, name, time_zone, schedule, updated_at) VALUES (@Id, @Name, @TimeZone, @Schedule::jsonb, @UpdatedAt)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, schedule = EXCLUDED.schedule, updated_at = EXCLUDED.updated_at
            """,
            new { site.Id, site.Name, site.TimeZone, Schedule = site.Schedule is null ? null : ScheduleJson.Serialize(site.Schedule), UpdatedAt = site.UpdatedAt.UtcDateTime },
            cancellationToken: cancellationToken));
    }

    public async Task<AccessSiteRecord?> FindSiteAsync(string siteId, CancellationToken cancellationToken) =>
        (await QuerySitesAsync("WHERE id = @siteId", new { siteId }, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<AccessSiteRecord>> ListSitesAsync(CancellationToken cancellationToken) =>
        QuerySitesAsync("", null, cancellationToken);

    /// <returns>False when the site does not exist; throws PostgresException 23503 while chargers still belong to it.</returns>
    public async Task<bool> DeleteSiteAsync(string siteId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM access_sites WHERE id = @siteId", new { siteId }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task UpsertChargerScheduleAsync(ChargerScheduleRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO access_charger_schedules (charger_id, site_id, time_zone, schedule, updated_at)
            VALUES (@ChargerId, @SiteId, @TimeZone, @Schedule::jsonb, @UpdatedAt)
            ON CONFLICT (charger_id) DO UPDATE SET site_id = EXCLUDED.site_id, time_zone = EXCLUDED.time_zone,
                schedule = EXCLUDED.schedule, updated_at = EXCLUDED.updated_at
            """,
            new
            {
                record.ChargerId, record.SiteId, record.TimeZone,
                Schedule = record.Schedule is null ? null : ScheduleJson.Serialize(record.Schedule), UpdatedAt = record.UpdatedAt.UtcDateTime,
            },
            cancellationToken: cancellationToken));
    }

    public async Task<ChargerScheduleRecord?> FindChargerScheduleAsync(string chargerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ChargerScheduleRow>(new CommandDefinition(
            "SELECT charger_id, site_id, time_zone, schedule::text AS schedule, updated_at FROM access_charger_schedules WHERE charger_id = @chargerId",
            new { chargerId },
            cancellationToken: cancellationToken));
        return row is null ? null : new ChargerScheduleRecord(row.ChargerId, row.SiteId, row.TimeZone, ScheduleJson.Deserialize(row.Schedule), Utc.From(row.UpdatedAt));
    }

    public async Task<bool> DeleteChargerScheduleAsync(string chargerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM access_charger_schedules WHERE charger_id = @chargerId", new { chargerId }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Every charger with an access configuration (own schedule or site membership): what a restart reconciles.</summary>
    public async Task<IReadOnlyList<string>> ListConfiguredChargersAsync(string? siteId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT charger_id FROM access_charger_schedules WHERE @siteId::text IS NULL OR site_id = @siteId ORDER BY charger_id",
            new { siteId },
            cancellationToken: cancellationToken));
        return ids.ToList();
    }

    private async Task<IReadOnlyList<AccessSiteRecord>> QuerySitesAsync(string where, object? args, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SiteRow>(new CommandDefinition(
            $"SELECT id, name, time_zone, schedule::text AS schedule, updated_at FROM access_sites {where} ORDER BY id", args, cancellationToken: cancellationToken));
        return rows.Select(r => new AccessSiteRecord(r.Id, r.Name, r.TimeZone, ScheduleJson.Deserialize(r.Schedule), Utc.From(r.UpdatedAt))).ToList();
    }

    private sealed class SiteRow
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public string TimeZone { get; init; } = "";
        public string? Schedule { get; init; }
        public DateTime UpdatedAt { get; init; }
    }

    private sealed class ChargerScheduleRow
    {
        public string ChargerId { get; init; } = "";
        public string? SiteId { get; init; }
        public string? TimeZone { get; init; }
        public string? Schedule { get; init; }
        public DateTime UpdatedAt { get; init; }
    }
}
