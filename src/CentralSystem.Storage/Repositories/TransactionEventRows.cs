using CentralSystem.Storage.Writes;
using Npgsql;
using NpgsqlTypes;

namespace CentralSystem.Storage.Repositories;

/// <summary>
/// 2.0.1 TransactionEvents queued together, recorded by one statement; each caller learns whether its event was new
/// (a retried event with the same transaction and seqNo is not applied twice). Every TransactionEvent starts with
/// this write, so merging it matters as much as merging the meter values that follow.
/// </summary>
internal sealed class TransactionEventRows : RowBatch<TransactionEventRows.Row, bool>
{
    public static readonly TransactionEventRows Instance = new();

    protected override string Sql => """
        INSERT INTO transaction_events (charger_id, transaction_id, seq_no, event_type, event_at, payload)
        SELECT charger_id, transaction_id, seq_no, event_type, event_at, payload::jsonb
        FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::timestamptz[], $6::text[]) WITH ORDINALITY
            AS t(charger_id, transaction_id, seq_no, event_type, event_at, payload, ord)
        ORDER BY ord
        ON CONFLICT DO NOTHING
        RETURNING charger_id, transaction_id, seq_no
        """;

    protected override NpgsqlParameter[] Bind(IReadOnlyList<Row> rows)
    {
        var chargers = new string[rows.Count];
        var transactions = new string[rows.Count];
        var seqNos = new int[rows.Count];
        var types = new string[rows.Count];
        var times = new DateTime[rows.Count];
        var payloads = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            (chargers[i], transactions[i], seqNos[i], types[i], var at, payloads[i]) = rows[i];
            times[i] = at.UtcDateTime;
        }

        return
        [
            Param.Array(NpgsqlDbType.Text, chargers), Param.Array(NpgsqlDbType.Text, transactions), Param.Array(NpgsqlDbType.Integer, seqNos),
            Param.Array(NpgsqlDbType.Text, types), Param.Array(NpgsqlDbType.TimestampTz, times), Param.Array(NpgsqlDbType.Text, payloads),
        ];
    }

    protected override async ValueTask<bool[]> ReadAsync(NpgsqlDataReader reader, IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        var inserted = new HashSet<(string, string, int)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }

        // Of two identical events in one batch only the first was inserted: only the first is new.
        var results = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            results[i] = inserted.Remove((rows[i].ChargerId, rows[i].TransactionId, rows[i].SeqNo));
        }

        return results;
    }

    internal sealed record Row(string ChargerId, string TransactionId, int SeqNo, string EventType, DateTimeOffset Timestamp, string PayloadJson);
}
