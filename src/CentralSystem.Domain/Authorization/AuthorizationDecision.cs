namespace CentralSystem.Domain.Authorization;

public sealed record AuthorizationDecision(IdTokenStatus Status, DateTimeOffset? ExpiresAt, string? GroupIdToken);
