// The domain events published today; each is small and immutable.
using CentralSystem.Domain.Metering;
using CentralSystem.Domain.Sessions;

namespace CentralSystem.Domain.Events;

public sealed record ChargerConnectionChanged(DateTimeOffset At, string ChargerId, bool Connected, string? OcppVersion) : DomainEvent(At, ChargerId);

public sealed record ConnectorStatusChanged(DateTimeOffset At, string ChargerId, int EvseId, int ConnectorId, string Status, string? ErrorCode)
    : DomainEvent(At, ChargerId);

public sealed record SessionStarted(DateTimeOffset At, string ChargerId, ChargingSession Session) : DomainEvent(At, ChargerId);

public sealed record SessionEnded(DateTimeOffset At, string ChargerId, long SessionId, string TransactionId, int? EvseId, int? ConnectorId, decimal? EnergyWh, string StopReason)
    : DomainEvent(At, ChargerId);

public sealed record MeterValuesReceived(DateTimeOffset At, string ChargerId, int? EvseId, int? ConnectorId, long? SessionId, string? TransactionId, IReadOnlyList<MeterSample> Samples)
    : DomainEvent(At, ChargerId);
