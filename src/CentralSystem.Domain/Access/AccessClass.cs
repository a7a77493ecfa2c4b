namespace CentralSystem.Domain.Access;

/// <summary>What a vehicle identifier maps to: the depot owner's fleet, a fleet under agreement, or anything else.</summary>
public enum AccessClass
{
    Own,
    Agreement,
    Unknown,
}
