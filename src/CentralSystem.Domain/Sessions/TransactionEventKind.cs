namespace CentralSystem.Domain.Sessions;

public enum TransactionEventKind
{
    Started,
    Updated,
    Ended,
}
