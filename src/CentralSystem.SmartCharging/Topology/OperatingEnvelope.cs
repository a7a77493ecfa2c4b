namespace CentralSystem.SmartCharging.Topology;

/// <summary>
/// A protocol-neutral, time-varying constraint on one node (an OSCP capacity forecast, a DSO signal or an operator
/// limit). Outside its blocks it does not apply (Pending before, Expired after); a withdrawn envelope never applies.
/// Lineage entries name the envelope, its source request and its quality.
/// </summary>
public sealed record OperatingEnvelope(string Id, string NodeId)
{
    /// <summary>Identifier of the request that carried it (e.g. the OSCP message id), for audit and support views.</summary>
    public string? SourceRequestId { get; init; }

    /// <summary>Free text naming the source, e.g. "oscp:dso-north" or "operator".</summary>
    public string? Source { get; init; }

    public EnvelopeQuality Quality { get; init; } = EnvelopeQuality.Fresh;

    public bool Withdrawn { get; init; }

    public IReadOnlyList<EnvelopeBlock> Blocks { get; init; } = [];

    public EnvelopeState StateAt(DateTimeOffset at)
    {
        if (Withdrawn)
        {
            return EnvelopeState.Withdrawn;
        }

        if (Blocks.Count == 0)
        {
            return EnvelopeState.Expired;
        }

        var any = false;
        var future = false;
        foreach (var block in Blocks)
        {
            any |= block.Covers(at);
            future |= block.From > at;
        }

        if (any)
        {
            return Quality == EnvelopeQuality.Fresh ? EnvelopeState.Active : EnvelopeState.ActiveFallback;
        }

        return future ? EnvelopeState.Pending : EnvelopeState.Expired;
    }
}
