using CentralSystem.Domain.Access;
using Dapper;
using Npgsql;

namespace CentralSystem.Storage.Repositories.Access;

/// <summary>Vehicles, their identifiers and agreements. Writes run in one transaction each: nothing is half-written.</summary>
public sealed partial class PgVehicleRepository(NpgsqlDataSource dataSource)
{
    private const string UniqueViolation = "23505";

    /// <returns>Null on success; else the identifiers that already belong to another vehicle (key → owner).</returns>
    public async Task<IReadOnlyList<(string Value, string OwnerVehicleId)>?> UpsertVehicleAsync(VehicleRecord vehicle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var keys = vehicle.Identifiers.Select(i => IdentifierKey.Normalize(i.Value)).ToArray();
        var taken = (await connection.QueryAsync<(string Key, string VehicleId)>(new CommandDefinition(
            "SELECT identifier_key, vehicle_id FROM access_identifiers WHERE identifier_key = ANY(@keys) AND vehicle_id <> @id",
            new { keys, id = vehicle.Id }, transaction, cancellationToken: cancellationToken))).ToList();
        if (taken.Count > 0)
        {
            return taken.Select(t => (vehicle.Identifiers[Array.IndexOf(keys, t.Key)].Value, t.VehicleId)).ToList();
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO access_vehicles (id, name, access_class, agreement_id, updated_at) VALUES (@Id, @Name, @Class, @AgreementId, @UpdatedAt)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, access_class = EXCLUDED.access_class,
                agreement_id = EXCLUDED.agreement_id, updated_at = EXCLUDED.updated_at
            """,
            new { vehicle.Id, vehicle.Name, Class = vehicle.Class.ToString(), vehicle.AgreementId, UpdatedAt = vehicle.UpdatedAt.UtcDateTime },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM access_identifiers WHERE vehicle_id = @Id", new { vehicle.Id }, transaction, cancellationToken: cancellationToken));
        try
        {
            await InsertIdentifiersAsync(connection, transaction, vehicle.Id, vehicle.Identifiers, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
        {
            // A concurrent write took one of the identifiers between the check and the insert.
            return [(ex.Detail ?? "identifier", "another vehicle")];
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public async Task<VehicleRecord?> FindVehicleAsync(string vehicleId, CancellationToken cancellationToken) =>
        (await QueryVehiclesAsync("WHERE v.id = @vehicleId", new { vehicleId }, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<VehicleRecord>> ListVehiclesAsync(string? agreementId, CancellationToken cancellationToken) =>
        QueryVehiclesAsync("WHERE @agreementId::text IS NULL OR v.agreement_id = @agreementId", new { agreementId }, cancellationToken);

    public async Task<bool> DeleteVehicleAsync(string vehicleId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM access_vehicles WHERE id = @vehicleId", new { vehicleId }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task UpsertAgreementAsync(Agreement agreement, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO access_agreements (id, name, valid_from, valid_to, site_ids, charger_ids, updated_at)
            VALUES (@Id, @Name, @ValidFrom, @ValidTo, @SiteIds, @ChargerIds, @UpdatedAt)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to,
                site_ids = EXCLUDED.site_ids, charger_ids = EXCLUDED.charger_ids, updated_at = EXCLUDED.updated_at
            """,
            new
            {
                agreement.Id, agreement.Name, ValidFrom = agreement.ValidFrom?.UtcDateTime, ValidTo = agreement.ValidTo?.UtcDateTime,
                SiteIds = agreement.SiteIds.ToArray(), ChargerIds = agreement.ChargerIds.ToArray(), UpdatedAt = updatedAt.UtcDateTime,
            },
            cancellationToken: cancellationToken));
    }

    public async Task<Agreement?> FindAgreementAsync(string agreementId, CancellationToken cancellationToken) =>
        (await QueryAgreementsAsync("WHERE id = @agreementId", new { agreementId }, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<Agreement>> ListAgreementsAsync(CancellationToken cancellationToken) =>
        QueryAgreementsAsync("", null, cancellationToken);

    /// <summary>Deletes the agreement and, by cascade, its vehicles and their identifiers.</summary>
    public async Task<bool> DeleteAgreementAsync(string agreementId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM access_agreements WHERE id = @agreementId", new { agreementId }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Own vehicles, and agreement vehicles whose agreement is valid now and covers the charger: a charger's local list.</summary>
    public async Task<IReadOnlyList<AllowedIdentifier>> ListAllowedIdentifiersAsync(string chargerId, string? siteId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Value, string IdentifierType, DateTime? ValidTo)>(new CommandDefinition(
            """
            SELECT i.value, i.identifier_type, a.valid_to
            FROM access_identifiers i
            JOIN access_vehicles v ON v.id = i.vehicle_id
            LEFT JOIN access_agreements a ON a.id = v.agreement_id
            WHERE v.access_class = 'Own'
               OR (a.id IS NOT NULL AND (a.valid_from IS NULL OR a.valid_from <= @now) AND (a.valid_to IS NULL OR a.valid_to > @now)
                   AND ((cardinality(a.site_ids) = 0 AND cardinality(a.charger_ids) = 0)
                        OR @chargerId = ANY (a.charger_ids) OR @siteId = ANY (a.site_ids)))
            ORDER BY i.identifier_key
            """,
            new { chargerId, siteId, now = now.UtcDateTime },
            cancellationToken: cancellationToken));
        return rows.Select(r => new AllowedIdentifier(r.Value, Enum.Parse<IdentifierType>(r.IdentifierType), Utc.From(r.ValidTo))).ToList();
    }

    private static async Task InsertIdentifiersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string vehicleId, IReadOnlyList<VehicleIdentifier> identifiers, CancellationToken cancellationToken)
    {
        if (identifiers.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO access_identifiers (identifier_key, value, identifier_type, vehicle_id)
            SELECT k, v, t, @vehicleId FROM unnest(@keys, @values, @types) AS x(k, v, t)
            """,
            new
            {
                vehicleId,
                keys = identifiers.Select(i => IdentifierKey.Normalize(i.Value)).ToArray(),
                values = identifiers.Select(i => i.Value.Trim()).ToArray(),
                types = identifiers.Select(i => i.Type.ToString()).ToArray(),
            },
            transaction, cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<VehicleRecord>> QueryVehiclesAsync(string where, object args, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<VehicleRow>(new CommandDefinition(
            $"""
            SELECT v.id, v.name, v.access_class, v.agreement_id, v.updated_at,
                   COALESCE(array_agg(i.identifier_type ORDER BY i.identifier_key) FILTER (WHERE i.value IS NOT NULL), ARRAY[]::text[]) AS types,
                   COALESCE(array_agg(i.value ORDER BY i.identifier_key) FILTER (WHERE i.value IS NOT NULL), ARRAY[]::text[]) AS "values"
            FROM access_vehicles v LEFT JOIN access_identifiers i ON i.vehicle_id = v.id
            {where}
            GROUP BY v.id ORDER BY v.id
            """,
            args,
            cancellationToken: cancellationToken));
        return rows.Select(r => new VehicleRecord(r.Id, r.Name, Enum.Parse<AccessClass>(r.AccessClass), r.AgreementId,
            r.Types.Zip(r.Values, (t, v) => new VehicleIdentifier(Enum.Parse<IdentifierType>(t), v)).ToList(), Utc.From(r.UpdatedAt))).ToList();
    }

    private async Task<IReadOnlyList<Agreement>> QueryAgreementsAsync(string where, object? args, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AgreementRow>(new CommandDefinition(
            $"SELECT id, name, valid_from, valid_to, site_ids, charger_ids FROM access_agreements {where} ORDER BY id", args, cancellationToken: cancellationToken));
        return rows.Select(r => new Agreement(r.Id, r.Name, Utc.From(r.ValidFrom), Utc.From(r.ValidTo), r.SiteIds, r.ChargerIds)).ToList();
    }

    private sealed class VehicleRow
    {
        public string Id { get; init; } = "";
        public string? Name { get; init; }
        public string AccessClass { get; init; } = "";
        public string? AgreementId { get; init; }
        public DateTime UpdatedAt { get; init; }
        public string[] Types { get; init; } = [];
        public string[] Values { get; init; } = [];
    }

    private sealed class AgreementRow
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public DateTime? ValidFrom { get; init; }
        public DateTime? ValidTo { get; init; }
        public string[] SiteIds { get; init; } = [];
        public string[] ChargerIds { get; init; } = [];
    }
}
