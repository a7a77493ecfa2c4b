using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Envelopes;

/// <summary>
/// One piece of a group's piecewise-constant envelope timeline, [<see cref="From"/>, <see cref="To"/>) (digest §8.3
/// OperatingEnvelope). <see cref="ImportSource"/>/<see cref="RequestId"/> name the forecast the import limit came
/// from; both are null when the gap policy supplied it.
/// </summary>
public sealed record EnvelopeSegment(
    DateTimeOffset From,
    DateTimeOffset To,
    NormalizedLimit Import,
    NormalizedLimit Export,
    EnvelopeMode Mode,
    CapacityForecastType? ImportSource,
    string? RequestId)
{
    public bool IsFresh => Mode == EnvelopeMode.Normal;
}
