namespace CentralSystem.Domain.Authorization;

/// <summary>Protocol-neutral authorisation status; V16 maps Unknown to Invalid, V201 keeps it.</summary>
public enum IdTokenStatus
{
    Accepted,
    Blocked,
    Expired,
    Invalid,
    Unknown,
}
