using System.Text;
using CentralSystem.Ocpp.Transport;
using CentralSystem.Storage.Repositories;

namespace CentralSystem.Server.Hosting;

internal sealed class FrameLogAdapter(PgFrameStore store) : IFrameLog
{
    public void Record(string chargerId, FrameDirection direction, ReadOnlySpan<byte> frame, DateTimeOffset at) =>
        store.Enqueue(chargerId, direction == FrameDirection.Inbound, at, Encoding.UTF8.GetString(frame));
}
