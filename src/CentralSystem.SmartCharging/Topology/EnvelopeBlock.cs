namespace CentralSystem.SmartCharging.Topology;

/// <summary>One time block of an operating envelope: [<see cref="From"/>, <see cref="To"/>) with its import/export limits.</summary>
public sealed record EnvelopeBlock(DateTimeOffset From, DateTimeOffset To)
{
    public ElectricalLimit Import { get; init; }

    public ElectricalLimit Export { get; init; }

    public bool Covers(DateTimeOffset at) => at >= From && at < To;

    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) => From < to && To > from;
}
