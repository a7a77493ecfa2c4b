namespace CentralSystem.Domain.Chargers;

public interface IChargerRepository
{
    Task<ChargerRecord?> FindAsync(string chargerId, CancellationToken cancellationToken);

    /// <returns>False when a charger with that id already exists.</returns>
    Task<bool> CreateAsync(ChargerRecord charger, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChargerRecord>> ListAsync(CancellationToken cancellationToken);

    Task RecordBootAsync(string chargerId, ChargerIdentity identity, string ocppVersion, DateTimeOffset at, CancellationToken cancellationToken);

    /// <returns>False when there is no such charger.</returns>
    Task<bool> SetPasswordAsync(string chargerId, ChargerPassword password, CancellationToken cancellationToken);

    /// <returns>False when there is no such charger.</returns>
    Task<bool> SetRegistrationStatusAsync(string chargerId, ChargerRegistrationStatus status, CancellationToken cancellationToken);

    /// <summary>Batched last-seen update: one statement for many chargers.</summary>
    Task TouchAsync(IReadOnlyList<(string ChargerId, DateTimeOffset At)> seen, CancellationToken cancellationToken);
}
