namespace CentralSystem.Domain.Access;

/// <summary>The next instant the mode changes, and what it changes to.</summary>
public sealed record AccessSwitch(DateTimeOffset At, AccessModeResolution To);
