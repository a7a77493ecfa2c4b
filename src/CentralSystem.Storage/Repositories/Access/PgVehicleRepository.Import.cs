using CentralSystem.Domain.Access;
using Dapper;
using Npgsql;

namespace CentralSystem.Storage.Repositories.Access;

public sealed partial class PgVehicleRepository
{
    /// <summary>
    /// Imports agreement vehicles in one transaction. Every row is checked against the file and the database first:
    /// with any error and <paramref name="partial"/> false nothing is written; with <paramref name="partial"/> true the
    /// valid rows are written and the bad ones reported. Re-importing the same rows is idempotent. With
    /// <paramref name="checkOnly"/> the rows are only checked (the caller already knows it will reject the import).
    /// </summary>
    public async Task<ImportResult> ImportAgreementVehiclesAsync(
        IReadOnlyList<ImportRow> rows, bool partial, bool checkOnly, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var agreements = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM access_agreements WHERE id = ANY(@ids)", new { ids = rows.Select(r => r.AgreementId).Distinct().ToArray() },
            transaction, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        var vehicles = (await connection.QueryAsync<(string Id, string AccessClass, string? AgreementId)>(new CommandDefinition(
            "SELECT id, access_class, agreement_id FROM access_vehicles WHERE id = ANY(@ids)", new { ids = rows.Select(r => r.VehicleId).Distinct().ToArray() },
            transaction, cancellationToken: cancellationToken))).ToDictionary(v => v.Id, StringComparer.Ordinal);
        var owners = (await connection.QueryAsync<(string Key, string VehicleId)>(new CommandDefinition(
            "SELECT identifier_key, vehicle_id FROM access_identifiers WHERE identifier_key = ANY(@keys)",
            new { keys = rows.Select(r => IdentifierKey.Normalize(r.Identifier)).Distinct().ToArray() },
            transaction, cancellationToken: cancellationToken))).ToDictionary(o => o.Key, o => o.VehicleId, StringComparer.Ordinal);

        var errors = new List<ImportError>();
        var good = new List<ImportRow>();
        var fileOwners = new Dictionary<string, (string VehicleId, int Line)>(StringComparer.Ordinal);
        var fileAgreements = new Dictionary<string, (string AgreementId, int Line)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = IdentifierKey.Normalize(row.Identifier);
            var error = CheckRow(row, key, agreements, vehicles, owners, fileOwners, fileAgreements);
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }

            fileOwners.TryAdd(key, (row.VehicleId, row.Line));
            fileAgreements.TryAdd(row.VehicleId, (row.AgreementId, row.Line));
            good.Add(row);
        }

        if ((errors.Count > 0 && !partial) || good.Count == 0 || checkOnly)
        {
            return new ImportResult(0, 0, false, errors);
        }

        var byVehicle = good.GroupBy(r => r.VehicleId, StringComparer.Ordinal).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO access_vehicles (id, name, access_class, agreement_id, updated_at)
            SELECT id, name, 'Agreement', agreement_id, @now FROM unnest(@ids, @names, @agreementIds) AS x(id, name, agreement_id)
            ON CONFLICT (id) DO UPDATE SET name = COALESCE(EXCLUDED.name, access_vehicles.name), updated_at = EXCLUDED.updated_at
            """,
            new
            {
                now = now.UtcDateTime,
                ids = byVehicle.Select(g => g.Key).ToArray(),
                names = byVehicle.Select(g => g.Select(r => r.VehicleName).FirstOrDefault(n => n is not null)).ToArray(),
                agreementIds = byVehicle.Select(g => g.First().AgreementId).ToArray(),
            },
            transaction, cancellationToken: cancellationToken));
        var identifiers = good.DistinctBy(r => IdentifierKey.Normalize(r.Identifier), StringComparer.Ordinal).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO access_identifiers (identifier_key, value, identifier_type, vehicle_id)
            SELECT k, v, t, o FROM unnest(@keys, @values, @types, @owners) AS x(k, v, t, o)
            ON CONFLICT (identifier_key) DO UPDATE SET value = EXCLUDED.value, identifier_type = EXCLUDED.identifier_type
            """,
            new
            {
                keys = identifiers.Select(r => IdentifierKey.Normalize(r.Identifier)).ToArray(),
                values = identifiers.Select(r => r.Identifier.Trim()).ToArray(),
                types = identifiers.Select(r => r.Type.ToString()).ToArray(),
                owners = identifiers.Select(r => r.VehicleId).ToArray(),
            },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ImportResult(good.Count, byVehicle.Count, true, errors);
    }

    private static ImportError? CheckRow(
        ImportRow row,
        string key,
        HashSet<string> agreements,
        Dictionary<string, (string Id, string AccessClass, string? AgreementId)> vehicles,
        Dictionary<string, string> owners,
        Dictionary<string, (string VehicleId, int Line)> fileOwners,
        Dictionary<string, (string AgreementId, int Line)> fileAgreements)
    {
        if (!agreements.Contains(row.AgreementId))
        {
            return new ImportError(row.Line, "agreementId", $"agreement '{row.AgreementId}' does not exist: create it with POST /api/agreements first");
        }

        if (vehicles.TryGetValue(row.VehicleId, out var existing) && existing.AgreementId != row.AgreementId)
        {
            return new ImportError(row.Line, "vehicleId", existing.AccessClass == nameof(AccessClass.Own)
                ? $"vehicle '{row.VehicleId}' is an Own vehicle"
                : $"vehicle '{row.VehicleId}' belongs to agreement '{existing.AgreementId}'");
        }

        if (fileAgreements.TryGetValue(row.VehicleId, out var earlier) && earlier.AgreementId != row.AgreementId)
        {
            return new ImportError(row.Line, "agreementId", $"vehicle '{row.VehicleId}' is under agreement '{earlier.AgreementId}' on line {earlier.Line}");
        }

        if (owners.TryGetValue(key, out var owner) && owner != row.VehicleId)
        {
            return new ImportError(row.Line, "identifier", $"identifier '{row.Identifier}' already belongs to vehicle '{owner}'");
        }

        if (fileOwners.TryGetValue(key, out var first) && first.VehicleId != row.VehicleId)
        {
            return new ImportError(row.Line, "identifier", $"identifier '{row.Identifier}' is given to vehicle '{first.VehicleId}' on line {first.Line}");
        }

        return null;
    }
}
