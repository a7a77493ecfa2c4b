namespace CentralSystem.Domain.Access;

/// <summary>Which message asked for the decision.</summary>
public enum AccessTrigger
{
    Authorize,
    StartTransaction,
    TransactionEvent,
    RemoteStart,
}
