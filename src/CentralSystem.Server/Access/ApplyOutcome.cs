using CentralSystem.Storage.Repositories.Access;

namespace CentralSystem.Server.Access;

/// <summary>How a mode switch went at one charger; Detail lists every step that did not simply succeed.</summary>
public sealed record ApplyOutcome(ApplyStatus Status, string? Detail);
