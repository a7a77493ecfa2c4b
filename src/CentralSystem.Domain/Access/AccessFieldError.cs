namespace CentralSystem.Domain.Access;

/// <summary>A validation failure naming the offending field (JSON path as the operator sent it).</summary>
public sealed record AccessFieldError(string Field, string Message);
