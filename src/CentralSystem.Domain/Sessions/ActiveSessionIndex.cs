using System.Collections.Concurrent;

namespace CentralSystem.Domain.Sessions;

/// <summary>
/// The active sessions of the chargers this node serves, so that MeterValues, StopTransaction and StartTransaction
/// need no database read. A charger's sessions are loaded once (first use after it connects to this node) and then
/// kept in step by <see cref="SessionService"/> after each committed write. This is sound because one node holds a
/// charger's socket and every message of that charger passes through it; a failed write forgets the charger, so the
/// next message reloads from the database.
/// </summary>
public sealed class ActiveSessionIndex
{
    private readonly ConcurrentDictionary<string, ChargerSessions> _chargers = new(StringComparer.Ordinal);

    public bool TryGet(string chargerId, out ChargerSessions sessions) => _chargers.TryGetValue(chargerId, out sessions!);

    public void Load(string chargerId, IEnumerable<ChargingSession> active) => _chargers[chargerId] = new ChargerSessions(active);

    public void Forget(string chargerId) => _chargers.TryRemove(chargerId, out _);

    /// <summary>The active sessions of one charger; messages of a charger are processed one at a time.</summary>
    public sealed class ChargerSessions
    {
        private readonly Dictionary<string, ChargingSession> _byTransaction;

        public ChargerSessions(IEnumerable<ChargingSession> active)
        {
            _byTransaction = active.Where(s => s.Status == SessionStatus.Active).ToDictionary(s => s.TransactionId, StringComparer.Ordinal);
        }

        public ChargingSession? Find(string transactionId)
        {
            lock (_byTransaction)
            {
                return _byTransaction.GetValueOrDefault(transactionId);
            }
        }

        public ChargingSession? FindOnConnector(int? evseId, int? connectorId)
        {
            lock (_byTransaction)
            {
                return _byTransaction.Values
                    .Where(s => (evseId is null || s.EvseId == evseId) && (connectorId is null || s.ConnectorId == connectorId))
                    .OrderByDescending(s => s.StartedAt)
                    .FirstOrDefault();
            }
        }

        public void Put(ChargingSession session)
        {
            lock (_byTransaction)
            {
                if (session.Status == SessionStatus.Active)
                {
                    _byTransaction[session.TransactionId] = session;
                }
                else
                {
                    _byTransaction.Remove(session.TransactionId);
                }
            }
        }

        public void Remove(string transactionId)
        {
            lock (_byTransaction)
            {
                _byTransaction.Remove(transactionId);
            }
        }
    }
}
