namespace CentralSystem.Domain.Access;

/// <summary>What the access decision needs from storage.</summary>
public interface IAccessDecisionStore
{
    Task<EffectiveSchedule?> FindEffectiveScheduleAsync(string chargerId, CancellationToken cancellationToken);

    /// <param name="identifierKey">Already normalised with <see cref="IdentifierKey.Normalize"/>.</param>
    Task<IdentifierMatch?> FindIdentifierAsync(string identifierKey, CancellationToken cancellationToken);

    /// <summary>Durable when the task completes: the charger is answered after the event is committed.</summary>
    Task RecordEventAsync(AccessEvent accessEvent, CancellationToken cancellationToken);
}
