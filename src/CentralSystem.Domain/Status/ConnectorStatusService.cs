using CentralSystem.Domain.Events;

namespace CentralSystem.Domain.Status;

public sealed class ConnectorStatusService(IConnectorStatusRepository statuses, IDomainEventSink events)
{
    public async Task RecordAsync(ConnectorStatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await statuses.RecordAsync(report, cancellationToken);
        events.Publish(new ConnectorStatusChanged(report.ReportedAt, report.ChargerId, report.EvseId, report.ConnectorId, report.Status, report.ErrorCode));
    }
}
