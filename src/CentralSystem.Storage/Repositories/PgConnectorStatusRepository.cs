using CentralSystem.Domain.Status;
using CentralSystem.Storage.Writes;
using Npgsql;
using NpgsqlTypes;

namespace CentralSystem.Storage.Repositories;

public sealed class PgConnectorStatusRepository(GroupCommitWriter writer) : IConnectorStatusRepository
{
    public Task RecordAsync(ConnectorStatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return writer.WriteRowAsync(ConnectorStatusRows.Instance, report);
    }

    /// <summary>Status reports queued together, written by one statement.</summary>
    private sealed class ConnectorStatusRows : RowBatch<ConnectorStatusReport>
    {
        public static readonly ConnectorStatusRows Instance = new();

        // History always; current state only when the report is not older than what is stored. Of several reports for
        // one connector in a batch, the newest (then the last queued) updates the current state: an upsert may touch
        // a row only once per statement.
        protected override string Sql => """
            WITH input AS (
                SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[])
                    WITH ORDINALITY AS t(charger_id, evse_id, connector_id, status, error_code, info, vendor_error_code, reported_at, received_at, ord)),
            history AS (
                INSERT INTO connector_status_history (charger_id, evse_id, connector_id, status, error_code, info, vendor_error_code, reported_at, received_at)
                SELECT charger_id, evse_id, connector_id, status, error_code, info, vendor_error_code, reported_at, received_at FROM input ORDER BY ord),
            latest AS (
                SELECT DISTINCT ON (charger_id, evse_id, connector_id) * FROM input
                ORDER BY charger_id, evse_id, connector_id, reported_at DESC, ord DESC),
            current AS (
                INSERT INTO connector_status (charger_id, evse_id, connector_id, status, error_code, info, vendor_error_code, reported_at, received_at)
                SELECT charger_id, evse_id, connector_id, status, error_code, info, vendor_error_code, reported_at, received_at FROM latest
                ON CONFLICT (charger_id, evse_id, connector_id) DO UPDATE SET status = EXCLUDED.status, error_code = EXCLUDED.error_code,
                    info = EXCLUDED.info, vendor_error_code = EXCLUDED.vendor_error_code, reported_at = EXCLUDED.reported_at, received_at = EXCLUDED.received_at
                WHERE connector_status.reported_at <= EXCLUDED.reported_at)
            SELECT 1
            """;

        protected override NpgsqlParameter[] Bind(IReadOnlyList<ConnectorStatusReport> rows)
        {
            var chargers = new string[rows.Count];
            var evses = new int[rows.Count];
            var connectors = new int[rows.Count];
            var statuses = new string[rows.Count];
            var errorCodes = new string?[rows.Count];
            var infos = new string?[rows.Count];
            var vendorErrorCodes = new string?[rows.Count];
            var reported = new DateTime[rows.Count];
            var received = new DateTime[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                chargers[i] = r.ChargerId;
                evses[i] = r.EvseId;
                connectors[i] = r.ConnectorId;
                statuses[i] = r.Status;
                errorCodes[i] = r.ErrorCode;
                infos[i] = r.Info;
                vendorErrorCodes[i] = r.VendorErrorCode;
                reported[i] = r.ReportedAt.UtcDateTime;
                received[i] = r.ReceivedAt.UtcDateTime;
            }

            return
            [
                Param.Array(NpgsqlDbType.Text, chargers), Param.Array(NpgsqlDbType.Integer, evses), Param.Array(NpgsqlDbType.Integer, connectors),
                Param.Array(NpgsqlDbType.Text, statuses), Param.Array(NpgsqlDbType.Text, errorCodes), Param.Array(NpgsqlDbType.Text, infos),
                Param.Array(NpgsqlDbType.Text, vendorErrorCodes), Param.Array(NpgsqlDbType.TimestampTz, reported), Param.Array(NpgsqlDbType.TimestampTz, received),
            ];
        }
    }
}
