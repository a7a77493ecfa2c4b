namespace CentralSystem.Domain.Access;

/// <summary>The vehicle an identifier belongs to; <paramref name="Agreement"/> is set for Agreement vehicles.</summary>
public sealed record IdentifierMatch(string VehicleId, AccessClass Class, IdentifierType Type, Agreement? Agreement);
