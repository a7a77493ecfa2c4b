namespace CentralSystem.Domain.Sessions;

public interface ISessionRepository
{
    Task<ChargingSession?> FindByTransactionAsync(string chargerId, string transactionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChargingSession>> ListActiveAsync(string chargerId, CancellationToken cancellationToken);

    Task<ChargingSession?> FindActiveOnConnectorAsync(string chargerId, int? evseId, int? connectorId, CancellationToken cancellationToken);

    /// <summary>Inserts a session; for 1.6 (no TransactionId) the store assigns the integer transaction id.</summary>
    Task<ChargingSession> InsertAsync(NewSession session, CancellationToken cancellationToken);

    /// <returns>False when the session was no longer active (a concurrent stop won).</returns>
    Task<bool> CompleteAsync(long sessionId, SessionCompletion completion, CancellationToken cancellationToken);

    /// <summary>Stores the samples and moves the session's first/last register readings.</summary>
    Task RecordMeterReadingsAsync(MeterReadings readings, decimal? earliestRegisterWh, decimal? latestRegisterWh, CancellationToken cancellationToken);

    /// <returns>False when this (transaction, seqNo) was already recorded: a retried TransactionEvent.</returns>
    Task<bool> RecordTransactionEventAsync(string chargerId, string transactionId, int seqNo, string eventType, DateTimeOffset timestamp, string payloadJson, CancellationToken cancellationToken);

    Task RecordAccountingEventAsync(string chargerId, string kind, string? transactionId, string detail, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChargingSession>> ListAsync(string? chargerId, int limit, CancellationToken cancellationToken);
}
