namespace CentralSystem.Domain.Sessions;

public enum SessionStatus
{
    Active,
    Completed,
}
