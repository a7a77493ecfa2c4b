using System.Collections.Concurrent;

namespace CentralSystem.Ocpp.Transport;

/// <summary>The live connection of every charger on this node.</summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, ChargePointConnection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public ICollection<ChargePointConnection> All => _connections.Values;

    /// <returns>The connection this one supersedes, if the charger was already connected.</returns>
    public ChargePointConnection? Register(ChargePointConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ChargePointConnection? previous = null;
        _connections.AddOrUpdate(
            connection.ChargerId,
            connection,
            (_, existing) =>
            {
                previous = existing;
                return connection;
            });
        return previous;
    }

    public bool TryGet(string chargerId, out ChargePointConnection connection) =>
        _connections.TryGetValue(chargerId, out connection!);

    /// <summary>Removes the entry only if it is still this connection: a superseding one must stay registered.</summary>
    public void Remove(ChargePointConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connections.TryRemove(KeyValuePair.Create(connection.ChargerId, connection));
    }
}
