namespace CentralSystem.Server.Audit;

/// <summary>
/// The audit entry of one operator request while it runs: a command handler fills in the charger, command and the
/// charger's answer; the trail writes it once, just before the response starts.
/// </summary>
internal sealed class PendingAudit(DateTimeOffset receivedAt)
{
    private int _written;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public string? ChargerId { get; set; }

    public string? Command { get; set; }

    public string? CommandOutcome { get; set; }

    /// <summary>True for the first caller only: the response-start callback and the end of the pipeline both try.</summary>
    public bool TryClaimWrite() => Interlocked.Exchange(ref _written, 1) == 0;
}
