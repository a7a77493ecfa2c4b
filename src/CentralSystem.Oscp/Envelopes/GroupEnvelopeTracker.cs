using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Envelopes;

/// <summary>
/// Lifecycle of one OSCP group's envelope with an injected clock. Events (forecast, heartbeat, handshake, withdrawal)
/// change the inputs; <see cref="Evaluate"/> (called after each event and by the scheduler at every
/// <see cref="UpcomingEdges"/> instant) moves the state and reports the transitions. Not thread-safe.
/// </summary>
public sealed class GroupEnvelopeTracker
{
    private readonly ForecastStore _store = new();
    private readonly EnvelopeOptions _options;
    private readonly TimeProvider _timeProvider;
    private bool _withdrawn;

    public GroupEnvelopeTracker(string groupId, EnvelopeOptions options, TimeProvider timeProvider)
    {
        GroupId = groupId;
        _options = options;
        _timeProvider = timeProvider;
    }

    public string GroupId { get; }

    public EnvelopeLifecycleState State { get; private set; } = EnvelopeLifecycleState.None;

    /// <summary>Null while the provider owes us no heartbeats: then it never counts as offline.</summary>
    public DateTimeOffset? OfflineModeAt { get; private set; }

    public ForecastStore Store => _store;

    public void OnForecast(GroupCapacityForecastMessage message, string requestId, ForecastReplacement? replacement = null)
    {
        _store.Apply(message, requestId, _timeProvider.GetUtcNow(), replacement ?? _options.Replacement);
        _withdrawn = false;
        State = EnvelopeLifecycleState.Received;
    }

    /// <summary>Digest §3.3: each heartbeat moves offline_mode_at forward; [R] a heartbeat ends fallback.</summary>
    public void OnHeartbeat(DateTimeOffset offlineModeAt) => OfflineModeAt = offlineModeAt;

    /// <summary>
    /// Digest §3.3 [R]: a (re)handshake counts as back online. When we asked for heartbeats every
    /// <paramref name="heartbeatIntervalWeAskedFor"/> seconds, the provider is offline if none arrives within 2 × interval.
    /// </summary>
    public void OnHandshake(int? heartbeatIntervalWeAskedFor) =>
        OfflineModeAt = heartbeatIntervalWeAskedFor is { } seconds
            ? _timeProvider.GetUtcNow() + TimeSpan.FromSeconds(2 * seconds)
            : null;

    /// <summary>DELETE /register or an operator unbinding: the envelope no longer applies (digest §3.4).</summary>
    public void OnWithdrawn()
    {
        _withdrawn = true;
        _store.Remove(GroupId);
    }

    public IReadOnlyList<EnvelopeTransition> Evaluate()
    {
        var now = _timeProvider.GetUtcNow();
        var target = Compute(now);
        var transitions = new List<EnvelopeTransition>();
        if (target == State)
        {
            return transitions;
        }

        // Seed lifecycle: the primary source goes stale first (FallbackEligible), then the fallback policy applies.
        if (target == EnvelopeLifecycleState.ActiveFallback && State != EnvelopeLifecycleState.FallbackEligible)
        {
            transitions.Add(new(State, EnvelopeLifecycleState.FallbackEligible, now));
            State = EnvelopeLifecycleState.FallbackEligible;
        }

        transitions.Add(new(State, target, now));
        State = target;
        return transitions;
    }

    public IReadOnlyList<EnvelopeSegment> Timeline(DateTimeOffset from, DateTimeOffset to) =>
        EnvelopeTimelineBuilder.Build(_store, GroupId, OfflineModeAt, _options, from, to);

    /// <summary>Future instants where the envelope changes: block edges and offline_mode_at (+ skew); Quartz fires there.</summary>
    public IReadOnlyList<DateTimeOffset> UpcomingEdges()
    {
        var now = _timeProvider.GetUtcNow();
        var edges = new SortedSet<DateTimeOffset>();
        foreach (var block in _store.AllBlocks(GroupId))
        {
            edges.Add(block.Start);
            edges.Add(block.End);
        }

        if (OfflineModeAt is { } offline)
        {
            edges.Add(offline + _options.OfflineSkew);
        }

        return [.. edges.Where(e => e > now)];
    }

    private EnvelopeLifecycleState Compute(DateTimeOffset now)
    {
        if (_withdrawn)
        {
            return EnvelopeLifecycleState.Withdrawn;
        }

        var blocks = _store.AllBlocks(GroupId).ToList();
        if (blocks.Count == 0)
        {
            return State == EnvelopeLifecycleState.None ? EnvelopeLifecycleState.None : EnvelopeLifecycleState.Expired;
        }

        var first = blocks.Min(b => b.Start);
        var last = blocks.Max(b => b.End);
        if (now < first)
        {
            return EnvelopeLifecycleState.Pending;
        }

        if (now >= last)
        {
            return EnvelopeLifecycleState.Expired;
        }

        var online = OfflineModeAt is not { } offline || now <= offline + _options.OfflineSkew;
        return online ? EnvelopeLifecycleState.Active : EnvelopeLifecycleState.ActiveFallback;
    }
}
