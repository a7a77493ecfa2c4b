using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Envelopes;

/// <summary>One stored capacity block (digest §8.1): instants in UTC, with the forecast's X-Request-ID for compliance errors.</summary>
public sealed record StoredForecastBlock(
    string GroupId,
    CapacityForecastType Type,
    PhaseIndicator Phase,
    CapacityUnit Unit,
    double Capacity,
    DateTimeOffset Start,
    DateTimeOffset End,
    string RequestId,
    DateTimeOffset ReceivedAt)
{
    public bool Covers(DateTimeOffset at) => at >= Start && at < End;
}
