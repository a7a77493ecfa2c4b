using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Oscp.Envelopes;

/// <summary>
/// Maps a group's timeline onto the calculator's protocol-neutral <see cref="OperatingEnvelope"/> input for one bound
/// node (site format <c>envelopes[]</c>). One envelope per (forecast request id, quality), so every allocation it binds
/// names the envelope, its forecast request id and whether it is fresh or fallback.
/// </summary>
public static class SmartChargingEnvelopeMapper
{
    public static IReadOnlyList<OperatingEnvelope> ToOperatingEnvelopes(string source, string groupId, string nodeId, IReadOnlyList<EnvelopeSegment> timeline) =>
        [.. timeline
            .GroupBy(s => (s.RequestId, s.IsFresh))
            .Select(g => new OperatingEnvelope(EnvelopeId(source, groupId, g.Key.RequestId, g.Key.IsFresh), nodeId)
            {
                SourceRequestId = g.Key.RequestId,
                Source = $"oscp:{source}",
                Quality = g.Key.IsFresh ? EnvelopeQuality.Fresh : EnvelopeQuality.Fallback,
                Blocks = [.. g.Select(s => new EnvelopeBlock(s.From, s.To) { Import = ToLimit(s.Import), Export = ToLimit(s.Export) })],
            })];

    /// <summary>Only the unit the provider sent is passed on: the calculator keeps amps and watts apart.</summary>
    public static ElectricalLimit ToLimit(NormalizedLimit limit) =>
        new(limit.FromCurrent ? limit.MinPhaseA : null, limit.FromPower ? limit.PowerW : null);

    private static string EnvelopeId(string source, string groupId, string? requestId, bool fresh) =>
        $"oscp:{source}:{groupId}:{requestId ?? "policy"}:{(fresh ? "fresh" : "fallback")}";
}
