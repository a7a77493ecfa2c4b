using CentralSystem.Domain.Chargers;
using CentralSystem.Storage.Writes;
using Dapper;
using Npgsql;

namespace CentralSystem.Storage.Repositories;

public sealed class PgChargerRepository(NpgsqlDataSource dataSource, GroupCommitWriter writer) : IChargerRepository
{
    private const string Columns = """
        id, password_salt, password_hash, registration_status, lenient_validation, log_frames, vendor, model, serial_number,
        firmware_version, iccid, imsi, meter_type, meter_serial_number, ocpp_version, created_at, last_boot_at, last_seen_at
        """;

    public async Task<ChargerRecord?> FindAsync(string chargerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ChargerRow>(
            new CommandDefinition($"SELECT {Columns} FROM chargers WHERE id = @chargerId", new { chargerId }, cancellationToken: cancellationToken));
        return row?.ToDomain();
    }

    public async Task<bool> CreateAsync(ChargerRecord charger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charger);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO chargers (id, password_salt, password_hash, registration_status, lenient_validation, log_frames, created_at)
            VALUES (@Id, @Salt, @Hash, @Status, @LenientValidation, @LogFrames, @CreatedAt)
            ON CONFLICT (id) DO NOTHING
            """,
            new
            {
                charger.Id,
                Salt = charger.Password?.Salt,
                Hash = charger.Password?.Hash,
                Status = charger.Status.ToString(),
                charger.LenientValidation,
                charger.LogFrames,
                CreatedAt = charger.CreatedAt.UtcDateTime,
            },
            cancellationToken: cancellationToken));
        return inserted == 1;
    }

    public async Task<IReadOnlyList<ChargerRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ChargerRow>(new CommandDefinition($"SELECT {Columns} FROM chargers ORDER BY id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public Task RecordBootAsync(string chargerId, ChargerIdentity identity, string ocppVersion, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return writer.WriteAsync(new BatchedWrite<bool>(
            """
            UPDATE chargers SET vendor = $2, model = $3, serial_number = $4, firmware_version = $5, iccid = $6, imsi = $7,
                meter_type = $8, meter_serial_number = $9, ocpp_version = $10, last_boot_at = $11,
                last_seen_at = GREATEST(last_seen_at, $11)
            WHERE id = $1 RETURNING 1
            """,
            [
                Param.Text(chargerId), Param.Text(identity.Vendor), Param.Text(identity.Model), Param.Text(identity.SerialNumber),
                Param.Text(identity.FirmwareVersion), Param.Text(identity.Iccid), Param.Text(identity.Imsi), Param.Text(identity.MeterType),
                Param.Text(identity.MeterSerialNumber), Param.Text(ocppVersion), Param.Time(at),
            ],
            Reads.AnyRow));
    }

    public async Task<bool> SetPasswordAsync(string chargerId, ChargerPassword password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE chargers SET password_salt = @salt, password_hash = @hash WHERE id = @chargerId",
            new { chargerId, salt = password.Salt, hash = password.Hash },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> SetRegistrationStatusAsync(string chargerId, ChargerRegistrationStatus status, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE chargers SET registration_status = @status WHERE id = @chargerId",
            new { chargerId, status = status.ToString() },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> UpdateSettingsAsync(string chargerId, bool? lenientValidation, bool? logFrames, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE chargers SET lenient_validation = COALESCE(@lenientValidation, lenient_validation),
                log_frames = COALESCE(@logFrames, log_frames)
            WHERE id = @chargerId
            """,
            new { chargerId, lenientValidation, logFrames },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task TouchAsync(IReadOnlyList<(string ChargerId, DateTimeOffset At)> seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seen);
        if (seen.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE chargers c SET last_seen_at = GREATEST(c.last_seen_at, v.at)
            FROM unnest(@ids, @ats) AS v(id, at)
            WHERE c.id = v.id
            """,
            new { ids = seen.Select(s => s.ChargerId).ToArray(), ats = seen.Select(s => s.At.UtcDateTime).ToArray() },
            cancellationToken: cancellationToken));
    }

    private sealed class ChargerRow
    {
        public string Id { get; init; } = "";
        public byte[]? PasswordSalt { get; init; }
        public byte[]? PasswordHash { get; init; }
        public string RegistrationStatus { get; init; } = "";
        public bool LenientValidation { get; init; }
        public bool? LogFrames { get; init; }
        public string? Vendor { get; init; }
        public string? Model { get; init; }
        public string? SerialNumber { get; init; }
        public string? FirmwareVersion { get; init; }
        public string? Iccid { get; init; }
        public string? Imsi { get; init; }
        public string? MeterType { get; init; }
        public string? MeterSerialNumber { get; init; }
        public string? OcppVersion { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? LastBootAt { get; init; }
        public DateTime? LastSeenAt { get; init; }

        public ChargerRecord ToDomain() => new(
            Id,
            PasswordSalt is not null && PasswordHash is not null ? ChargerPassword.Restore(PasswordSalt, PasswordHash) : null,
            Enum.Parse<ChargerRegistrationStatus>(RegistrationStatus),
            LenientValidation,
            LogFrames,
            Vendor is null ? null : new ChargerIdentity(Vendor, Model ?? "", SerialNumber, FirmwareVersion, Iccid, Imsi, MeterType, MeterSerialNumber),
            OcppVersion,
            Utc.From(CreatedAt),
            Utc.From(LastBootAt),
            Utc.From(LastSeenAt));
    }
}
