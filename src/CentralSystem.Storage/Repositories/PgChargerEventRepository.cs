using CentralSystem.Domain.Events;
using CentralSystem.Storage.Writes;

namespace CentralSystem.Storage.Repositories;

public sealed class PgChargerEventRepository(GroupCommitWriter writer) : IChargerEventRepository
{
    public Task RecordAsync(string chargerId, string action, string payloadJson, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        writer.WriteAsync(new BatchedWrite<bool>(
            "INSERT INTO charger_events (charger_id, action, payload, received_at) VALUES ($1, $2, $3, $4) RETURNING 1",
            [Param.Text(chargerId), Param.Text(action), Param.Json(payloadJson), Param.Time(receivedAt)],
            Reads.AnyRow));
}
