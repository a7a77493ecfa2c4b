using CentralSystem.Domain.Status;
using CentralSystem.Storage.Writes;

namespace CentralSystem.Storage.Repositories;

public sealed class PgConnectorStatusRepository(GroupCommitWriter writer) : IConnectorStatusRepository
{
    // One statement: history always, current state only when this report is not older than what is stored.
    private const string Sql = """
        WITH history AS (
            INSERT INTO connector_status_history (charger_id, evse_id, connector_id, status, error_code, info, vendor_error_code, reported_at, received_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING 1)
        INSERT INTO connector_status (charger_id, evse_id, connector_id, status, error_code, info, vendor_error_code, reported_at, received_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (charger_id, evse_id, connector_id) DO UPDATE SET status = EXCLUDED.status, error_code = EXCLUDED.error_code,
            info = EXCLUDED.info, vendor_error_code = EXCLUDED.vendor_error_code, reported_at = EXCLUDED.reported_at, received_at = EXCLUDED.received_at
        WHERE connector_status.reported_at <= EXCLUDED.reported_at
        RETURNING 1
        """;

    public Task RecordAsync(ConnectorStatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return writer.WriteAsync(new BatchedWrite<bool>(Sql,
            [
                Param.Text(report.ChargerId), Param.Int(report.EvseId), Param.Int(report.ConnectorId), Param.Text(report.Status),
                Param.Text(report.ErrorCode), Param.Text(report.Info), Param.Text(report.VendorErrorCode),
                Param.Time(report.ReportedAt), Param.Time(report.ReceivedAt),
            ],
            Reads.AnyRow));
    }
}
