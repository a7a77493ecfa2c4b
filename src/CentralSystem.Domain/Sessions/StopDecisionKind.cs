namespace CentralSystem.Domain.Sessions;

public enum StopDecisionKind
{
    /// <summary>Close the session with the completion values.</summary>
    Complete,

    /// <summary>The same stop again (a retry after a lost response): answer as before, change nothing.</summary>
    Retry,

    /// <summary>A different stop for an already completed session: record the conflict, do not count it.</summary>
    ConflictingDuplicate,

    /// <summary>No such transaction: acknowledged (the charger must be able to empty its queue) and recorded.</summary>
    UnknownTransaction,
}
