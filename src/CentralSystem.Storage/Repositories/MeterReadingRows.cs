using System.Text;
using System.Text.Json;
using CentralSystem.Domain.Metering;
using CentralSystem.Domain.Sessions;
using CentralSystem.Storage.Writes;
using Npgsql;
using NpgsqlTypes;

namespace CentralSystem.Storage.Repositories;

/// <summary>
/// MeterValues (and transaction data) queued together, written by one statement: every sample a row of
/// meter_readings, and each session's first/last register widened once (LEAST/GREATEST commute, so the order of
/// calls within a batch does not matter).
/// </summary>
internal sealed class MeterReadingRows : RowBatch<MeterReadingRows.Row>
{
    public static readonly MeterReadingRows Instance = new();

    protected override string Sql => """
        WITH calls AS (
            SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::bigint[], $5::text[], $6::timestamptz[], $7::numeric[], $8::numeric[])
                WITH ORDINALITY AS c(charger_id, evse_id, connector_id, session_id, transaction_id, received_at, earliest_wh, latest_wh, ord)),
        readings AS (
            INSERT INTO meter_readings (charger_id, evse_id, connector_id, session_id, transaction_id, sampled_at, sampled_values, received_at)
            SELECT c.charger_id, c.evse_id, c.connector_id, c.session_id, c.transaction_id, s.at, s.v::jsonb, c.received_at
            FROM unnest($9::int[], $10::timestamptz[], $11::text[]) WITH ORDINALITY AS s(call, at, v, n)
            JOIN calls c ON c.ord = s.call
            ORDER BY s.n),
        registers AS (
            UPDATE sessions SET first_meter_wh = LEAST(sessions.first_meter_wh, r.earliest_wh), last_meter_wh = GREATEST(sessions.last_meter_wh, r.latest_wh)
            FROM (SELECT session_id, min(earliest_wh) AS earliest_wh, max(latest_wh) AS latest_wh FROM calls
                  WHERE session_id IS NOT NULL AND (earliest_wh IS NOT NULL OR latest_wh IS NOT NULL) GROUP BY session_id) r
            WHERE sessions.id = r.session_id)
        SELECT 1
        """;

    protected override NpgsqlParameter[] Bind(IReadOnlyList<Row> rows)
    {
        var chargers = new string[rows.Count];
        var evses = new int?[rows.Count];
        var connectors = new int?[rows.Count];
        var sessions = new long?[rows.Count];
        var transactions = new string?[rows.Count];
        var received = new DateTime[rows.Count];
        var earliest = new decimal?[rows.Count];
        var latest = new decimal?[rows.Count];
        var sampleCount = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            sampleCount += rows[i].Readings.Samples.Count;
        }

        var sampleCall = new int[sampleCount];
        var sampledAt = new DateTime[sampleCount];
        var sampledValues = new string[sampleCount];
        var at = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var (readings, earliestWh, latestWh) = rows[i];
            chargers[i] = readings.ChargerId;
            evses[i] = readings.EvseId;
            connectors[i] = readings.ConnectorId;
            sessions[i] = readings.SessionId;
            transactions[i] = readings.TransactionId;
            received[i] = readings.ReceivedAt.UtcDateTime;
            earliest[i] = earliestWh;
            latest[i] = latestWh;
            foreach (var sample in readings.Samples)
            {
                sampleCall[at] = i + 1; // WITH ORDINALITY counts from 1
                sampledAt[at] = sample.Timestamp.UtcDateTime;
                sampledValues[at] = ToJson(sample.Values);
                at++;
            }
        }

        return
        [
            Param.Array(NpgsqlDbType.Text, chargers), Param.Array(NpgsqlDbType.Integer, evses), Param.Array(NpgsqlDbType.Integer, connectors),
            Param.Array(NpgsqlDbType.Bigint, sessions), Param.Array(NpgsqlDbType.Text, transactions), Param.Array(NpgsqlDbType.TimestampTz, received),
            Param.Array(NpgsqlDbType.Numeric, earliest), Param.Array(NpgsqlDbType.Numeric, latest),
            Param.Array(NpgsqlDbType.Integer, sampleCall), Param.Array(NpgsqlDbType.TimestampTz, sampledAt), Param.Array(NpgsqlDbType.Text, sampledValues),
        ];
    }

    private static string ToJson(IReadOnlyList<SampledValue> values)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                json.WriteStartObject();
                json.WriteNumber("value", value.Value);
                WriteOptional(json, "measurand", value.Measurand);
                WriteOptional(json, "unit", value.Unit);
                WriteOptional(json, "phase", value.Phase);
                WriteOptional(json, "context", value.Context);
                WriteOptional(json, "location", value.Location);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    /// <param name="EarliestRegisterWh">Lowest energy register among the samples (null: none), widens the session's first.</param>
    /// <param name="LatestRegisterWh">Highest energy register among the samples, widens the session's last.</param>
    internal sealed record Row(MeterReadings Readings, decimal? EarliestRegisterWh, decimal? LatestRegisterWh);
}
