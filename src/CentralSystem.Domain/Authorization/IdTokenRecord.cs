namespace CentralSystem.Domain.Authorization;

public sealed record IdTokenRecord(string IdToken, string TokenType, IdTokenStatus Status, DateTimeOffset? ExpiresAt, string? GroupIdToken);
