namespace CentralSystem.Oscp.Http;

/// <summary>
/// Digest §7.1 [R]: a repeated X-Request-ID from the same peer is answered 204 and not re-applied. Remembers the
/// ids a peer sent within <c>retention</c>, bounded per peer so a chatty or hostile peer cannot grow it forever.
/// Thread-safe.
/// </summary>
public sealed class RequestIdLedger(TimeProvider timeProvider, TimeSpan retention, int maxPerPeer = 10_000)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PeerLedger> _peers = new(StringComparer.Ordinal);

    public bool IsDuplicate(string peerId, string requestId)
    {
        lock (_lock)
        {
            return _peers.TryGetValue(peerId, out var ledger) && ledger.Contains(requestId, timeProvider.GetUtcNow() - retention);
        }
    }

    /// <summary>Called once the message has been applied, so a failed attempt can be retried with the same id.</summary>
    public void Remember(string peerId, string requestId) => Remember(peerId, requestId, timeProvider.GetUtcNow());

    /// <summary>Also used at start-up to reload the ids persisted within the retention window.</summary>
    public void Remember(string peerId, string requestId, DateTimeOffset seenAt)
    {
        lock (_lock)
        {
            if (!_peers.TryGetValue(peerId, out var ledger))
            {
                ledger = new PeerLedger();
                _peers[peerId] = ledger;
            }

            ledger.Add(requestId, seenAt, timeProvider.GetUtcNow() - retention, maxPerPeer);
        }
    }

    private sealed class PeerLedger
    {
        private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
        private readonly Queue<(string Id, DateTimeOffset At)> _order = new();

        public bool Contains(string requestId, DateTimeOffset notBefore) =>
            _seen.TryGetValue(requestId, out var at) && at >= notBefore;

        public void Add(string requestId, DateTimeOffset now, DateTimeOffset notBefore, int max)
        {
            _seen[requestId] = now;
            _order.Enqueue((requestId, now));
            while (_order.Count > 0 && (_order.Peek().At < notBefore || _order.Count > max))
            {
                var (id, at) = _order.Dequeue();
                if (_seen.TryGetValue(id, out var latest) && latest == at)
                {
                    _seen.Remove(id);
                }
            }
        }
    }
}
