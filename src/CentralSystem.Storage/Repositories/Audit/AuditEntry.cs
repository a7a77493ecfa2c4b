namespace CentralSystem.Storage.Repositories.Audit;

/// <summary>
/// One operator action: who (user and role) called what (method and path), which charger and command it concerned,
/// and how it ended (<paramref name="Outcome"/>: the charger's answer for a command, else the HTTP status name).
/// <see cref="Id"/> is 0 until stored; stored entries are read back newest first by it.
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset OccurredAt,
    string User,
    string Role,
    string Method,
    string Path,
    string? ChargerId,
    string? Command,
    string Outcome,
    int? StatusCode)
{
    public long Id { get; init; }
}
