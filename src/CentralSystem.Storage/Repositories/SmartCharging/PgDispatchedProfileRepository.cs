using Dapper;
using Npgsql;

namespace CentralSystem.Storage.Repositories.SmartCharging;

public sealed class PgDispatchedProfileRepository(NpgsqlDataSource dataSource)
{
    public async Task UpsertAsync(DispatchedProfileRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO dispatched_profiles
                (charger_id, evse_id, purpose, site_id, profile_id, limit_value, unit, payload, status, attempts, last_error, sent_at)
            VALUES (@ChargerId, @EvseId, @Purpose, @SiteId, @ProfileId, @LimitValue, @Unit, @Payload::jsonb, @Status, @Attempts, @LastError, @SentAt)
            ON CONFLICT (charger_id, evse_id, purpose) DO UPDATE SET
                site_id = EXCLUDED.site_id, profile_id = EXCLUDED.profile_id, limit_value = EXCLUDED.limit_value,
                unit = EXCLUDED.unit, payload = EXCLUDED.payload, status = EXCLUDED.status, attempts = EXCLUDED.attempts,
                last_error = EXCLUDED.last_error, sent_at = EXCLUDED.sent_at
            """,
            record,
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<DispatchedProfileRecord>> ListByChargerAsync(string chargerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT charger_id, evse_id, purpose, site_id, profile_id, limit_value, unit, payload::text AS payload, status,
                   attempts, last_error, sent_at
            FROM dispatched_profiles WHERE charger_id = @chargerId ORDER BY evse_id, purpose
            """,
            new { chargerId },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    private sealed class Row
    {
        public string ChargerId { get; init; } = "";

        public int EvseId { get; init; }

        public string Purpose { get; init; } = "";

        public string? SiteId { get; init; }

        public int ProfileId { get; init; }

        public double LimitValue { get; init; }

        public string Unit { get; init; } = "";

        public string Payload { get; init; } = "";

        public string Status { get; init; } = "";

        public int Attempts { get; init; }

        public string? LastError { get; init; }

        public DateTime SentAt { get; init; }

        public DispatchedProfileRecord ToRecord() =>
            new(ChargerId, EvseId, Purpose, SiteId, ProfileId, LimitValue, Unit, Payload, Status, Attempts, LastError, Utc.From(SentAt));
    }
}
