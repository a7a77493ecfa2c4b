using System.Data.Common;
using CentralSystem.Domain.Sessions;
using CentralSystem.Storage.Writes;
using Dapper;
using Npgsql;

namespace CentralSystem.Storage.Repositories;

public sealed class PgSessionRepository(NpgsqlDataSource dataSource, GroupCommitWriter writer) : ISessionRepository
{
    private const string Columns = """
        id, charger_id, transaction_id, evse_id, connector_id, id_token, started_at, meter_start_wh, first_meter_wh,
        last_meter_wh, stopped_at, meter_stop_wh, energy_wh, stop_reason, status, flags
        """;

    public async Task<ChargingSession?> FindByTransactionAsync(string chargerId, string transactionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM sessions WHERE charger_id = @chargerId AND transaction_id = @transactionId",
            new { chargerId, transactionId },
            cancellationToken: cancellationToken));
        return row?.ToDomain();
    }

    public async Task<IReadOnlyList<ChargingSession>> ListActiveAsync(string chargerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SessionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM sessions WHERE charger_id = @chargerId AND status = 'Active'",
            new { chargerId },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    public async Task<ChargingSession?> FindActiveOnConnectorAsync(string chargerId, int? evseId, int? connectorId, CancellationToken cancellationToken)
    {
        if (evseId is null && connectorId is null)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<SessionRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM sessions
            WHERE charger_id = @chargerId AND status = 'Active'
              AND (@evseId::int IS NULL OR evse_id = @evseId) AND (@connectorId::int IS NULL OR connector_id = @connectorId)
            ORDER BY started_at DESC LIMIT 1
            """,
            new { chargerId, evseId, connectorId },
            cancellationToken: cancellationToken));
        return row?.ToDomain();
    }

    public async Task<ChargingSession> InsertAsync(NewSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var inserted = await writer.WriteAsync(new BatchedWrite<ChargingSession?>(
            $"""
            WITH n AS (SELECT nextval('sessions_id_seq') AS id)
            INSERT INTO sessions (id, charger_id, transaction_id, evse_id, connector_id, id_token, started_at, meter_start_wh, status, flags, ocpp_version)
            SELECT n.id, $1, COALESCE($2, n.id::text), $3, $4, $5, $6, $7, 'Active', $8, $9 FROM n
            ON CONFLICT (charger_id, transaction_id) DO NOTHING
            RETURNING {Columns}
            """,
            [
                Param.Text(session.ChargerId), Param.Text(session.TransactionId), Param.Int(session.EvseId), Param.Int(session.ConnectorId),
                Param.Text(session.IdToken), Param.Time(session.StartedAt), Param.Numeric(session.MeterStartWh),
                Param.TextArray(session.Flags), Param.Text(session.OcppVersion),
            ],
            ReadSessionAsync));

        // Only a charger-chosen (2.0.1) id can collide: a concurrent event created it first.
        return inserted
            ?? await FindByTransactionAsync(session.ChargerId, session.TransactionId!, cancellationToken)
            ?? throw new InvalidOperationException($"session {session.TransactionId} of {session.ChargerId} vanished");
    }

    public Task<bool> CompleteAsync(long sessionId, SessionCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return writer.WriteAsync(new BatchedWrite<bool>(
            """
            UPDATE sessions SET stopped_at = $2, meter_stop_wh = $3, energy_wh = $4, stop_reason = $5, flags = $6, status = 'Completed'
            WHERE id = $1 AND status = 'Active' RETURNING 1
            """,
            [
                Param.Long(sessionId), Param.Time(completion.StoppedAt), Param.Numeric(completion.MeterStopWh), Param.Numeric(completion.EnergyWh),
                Param.Text(completion.StopReason), Param.TextArray(completion.Flags),
            ],
            Reads.AnyRow));
    }

    public Task RecordMeterReadingsAsync(MeterReadings readings, decimal? earliestRegisterWh, decimal? latestRegisterWh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        return writer.WriteRowAsync(MeterReadingRows.Instance, new MeterReadingRows.Row(readings, earliestRegisterWh, latestRegisterWh));
    }

    public Task<bool> RecordTransactionEventAsync(string chargerId, string transactionId, int seqNo, string eventType, DateTimeOffset timestamp, string payloadJson, CancellationToken cancellationToken) =>
        writer.WriteRowAsync(TransactionEventRows.Instance, new TransactionEventRows.Row(chargerId, transactionId, seqNo, eventType, timestamp, payloadJson));

    public Task RecordAccountingEventAsync(string chargerId, string kind, string? transactionId, string detail, DateTimeOffset at, CancellationToken cancellationToken) =>
        writer.WriteAsync(new BatchedWrite<bool>(
            "INSERT INTO accounting_events (charger_id, kind, transaction_id, detail, occurred_at) VALUES ($1, $2, $3, $4, $5) RETURNING 1",
            [Param.Text(chargerId), Param.Text(kind), Param.Text(transactionId), Param.Text(detail), Param.Time(at)],
            Reads.AnyRow));

    public async Task<IReadOnlyList<ChargingSession>> ListAsync(string? chargerId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SessionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM sessions WHERE (@chargerId::text IS NULL OR charger_id = @chargerId) ORDER BY started_at DESC, id DESC LIMIT @limit",
            new { chargerId, limit },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    private static async ValueTask<ChargingSession?> ReadSessionAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var parser = ((DbDataReader)reader).GetRowParser<SessionRow>();
        ChargingSession? session = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            session = parser(reader).ToDomain();
        }

        return session;
    }

    private sealed class SessionRow
    {
        public long Id { get; init; }
        public string ChargerId { get; init; } = "";
        public string TransactionId { get; init; } = "";
        public int? EvseId { get; init; }
        public int? ConnectorId { get; init; }
        public string? IdToken { get; init; }
        public DateTime StartedAt { get; init; }
        public decimal? MeterStartWh { get; init; }
        public decimal? FirstMeterWh { get; init; }
        public decimal? LastMeterWh { get; init; }
        public DateTime? StoppedAt { get; init; }
        public decimal? MeterStopWh { get; init; }
        public decimal? EnergyWh { get; init; }
        public string? StopReason { get; init; }
        public string Status { get; init; } = "";
        public string[] Flags { get; init; } = [];

        public ChargingSession ToDomain() => new(Id, ChargerId, TransactionId, EvseId, ConnectorId, IdToken, Utc.From(StartedAt),
            MeterStartWh, FirstMeterWh, LastMeterWh, Utc.From(StoppedAt), MeterStopWh, EnergyWh, StopReason,
            Enum.Parse<SessionStatus>(Status), Flags);
    }
}
