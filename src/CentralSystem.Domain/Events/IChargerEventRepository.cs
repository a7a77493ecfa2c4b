namespace CentralSystem.Domain.Events;

/// <summary>Keeps notifications the CSMS acknowledges without further logic (firmware/log status, events, reports ...).</summary>
public interface IChargerEventRepository
{
    Task RecordAsync(string chargerId, string action, string payloadJson, DateTimeOffset receivedAt, CancellationToken cancellationToken);
}
