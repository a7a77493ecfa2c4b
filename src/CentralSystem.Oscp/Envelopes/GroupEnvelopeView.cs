using CentralSystem.Oscp.Registration;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Oscp.Envelopes;

/// <summary>
/// A group's envelope as of <see cref="At"/>: its binding, lifecycle state, timeline over the horizon, the calculator
/// envelopes built from it, and the next instant it changes (a block edge or offline_mode_at) for the scheduler.
/// </summary>
public sealed record GroupEnvelopeView(string GroupId, DateTimeOffset At)
{
    public OscpGroupBinding? Binding { get; init; }

    public string? PeerId { get; init; }

    public EnvelopeLifecycleState State { get; init; } = EnvelopeLifecycleState.None;

    public DateTimeOffset? OfflineModeAt { get; init; }

    public IReadOnlyList<EnvelopeSegment> Timeline { get; init; } = [];

    public IReadOnlyList<OperatingEnvelope> Envelopes { get; init; } = [];

    public DateTimeOffset? NextEdge { get; init; }

    public EnvelopeSegment? Current => Timeline.FirstOrDefault(s => s.From <= At && At < s.To);
}
