namespace CentralSystem.Domain.Chargers;

/// <summary>Whether the CSMS lets a charger operate; maps onto BootNotification's registration status.</summary>
public enum ChargerRegistrationStatus
{
    Accepted,
    Pending,
    Rejected,
}
