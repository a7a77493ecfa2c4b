namespace CentralSystem.Domain.Status;

public interface IConnectorStatusRepository
{
    /// <summary>
    /// Appends to the history and moves the current state only forward in the charger's time, so an offline-queued
    /// report older than the current state is kept in history without overwriting it.
    /// </summary>
    Task RecordAsync(ConnectorStatusReport report, CancellationToken cancellationToken);
}
