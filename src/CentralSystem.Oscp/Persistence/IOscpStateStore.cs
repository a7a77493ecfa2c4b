namespace CentralSystem.Oscp.Persistence;

/// <summary>
/// Where OSCP state survives restarts. <see cref="CommitAsync"/> is called before the 204 that acknowledges the
/// change (durable before acknowledged) and before any outbound message in it is sent.
/// </summary>
public interface IOscpStateStore
{
    Task<OscpStoredState> LoadAsync(DateTimeOffset requestIdsSince, CancellationToken cancellationToken);

    Task CommitAsync(OscpChangeSet changes, CancellationToken cancellationToken);

    /// <summary>Records a delivery attempt of a durable outbound message; a final outcome removes its body (it may hold a token).</summary>
    Task RecordDeliveryAsync(OscpDeliveryRecord record, CancellationToken cancellationToken);
}
