using System.Text.Json;
using System.Text.Json.Serialization;
using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Persistence;
using CentralSystem.Oscp.Registration;
using CentralSystem.Oscp.Validation;
using Dapper;
using Npgsql;

namespace CentralSystem.Server.Oscp;

/// <summary>
/// OSCP state in PostgreSQL (0005_oscp.sql): each change set in one transaction. Outbound bodies are stored as the
/// wire JSON we send and read back through the strict reader, so a restart resends exactly what was committed.
/// </summary>
public sealed class PgOscpStateStore(NpgsqlDataSource dataSource, TimeProvider time) : IOscpStateStore
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public async Task<OscpStoredState> LoadAsync(DateTimeOffset requestIdsSince, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var peers = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT document::text FROM oscp_peers ORDER BY peer_id", cancellationToken: cancellationToken)))
            .Select(d => JsonSerializer.Deserialize<OscpPeerRecord>(d, Json)!)
            .ToList();
        var blocks = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT blocks::text FROM oscp_forecasts ORDER BY group_id, type", cancellationToken: cancellationToken)))
            .SelectMany(b => JsonSerializer.Deserialize<List<StoredForecastBlock>>(b, Json)!)
            .ToList();
        var seen = (await connection.QueryAsync<SeenRow>(new CommandDefinition(
                "SELECT peer_id AS PeerId, request_id AS RequestId, seen_at AS SeenAt FROM oscp_seen_requests WHERE seen_at >= @since",
                new { since = requestIdsSince }, cancellationToken: cancellationToken)))
            .Select(r => new OscpSeenRequest(r.PeerId, r.RequestId, AsUtc(r.SeenAt)))
            .ToList();
        var pending = new List<OscpOutboundMessage>();
        foreach (var row in await connection.QueryAsync<OutboundRow>(new CommandDefinition(
                     """
                     SELECT request_id AS RequestId, peer_id AS PeerId, kind AS Kind, body::text AS Body,
                            correlation_id AS CorrelationId, completes_registration AS CompletesRegistration
                     FROM oscp_outbound WHERE finished_at IS NULL AND body IS NOT NULL ORDER BY created_at
                     """, cancellationToken: cancellationToken)))
        {
            var kind = Enum.Parse<OscpMessageKind>(row.Kind);
            var read = OscpMessageReader.Read(kind, row.Body);
            if (read.IsValid)
            {
                pending.Add(new OscpOutboundMessage(row.PeerId, kind, read.Message!, row.CorrelationId)
                {
                    RequestId = row.RequestId,
                    CompletesRegistration = row.CompletesRegistration,
                });
            }
        }

        return new OscpStoredState(peers, blocks, seen, pending);
    }

    public async Task CommitAsync(OscpChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var peer in changes.Peers)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO oscp_peers (peer_id, document, updated_at) VALUES (@id, @document::jsonb, @now)
                ON CONFLICT (peer_id) DO UPDATE SET document = EXCLUDED.document, updated_at = EXCLUDED.updated_at
                """,
                new { id = peer.PeerId, document = JsonSerializer.Serialize(peer, Json), now }, transaction, cancellationToken: cancellationToken));
        }

        foreach (var peerId in changes.DeletedPeers)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM oscp_peers WHERE peer_id = @peerId", new { peerId }, transaction, cancellationToken: cancellationToken));
        }

        foreach (var groupId in changes.ClearedGroups)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM oscp_forecasts WHERE group_id = @groupId", new { groupId }, transaction, cancellationToken: cancellationToken));
        }

        foreach (var forecast in changes.Forecasts)
        {
            if (forecast.Blocks.Count == 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM oscp_forecasts WHERE group_id = @group AND type = @type",
                    new { group = forecast.GroupId, type = forecast.Type.ToString() }, transaction, cancellationToken: cancellationToken));
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO oscp_forecasts (group_id, type, blocks, updated_at) VALUES (@group, @type, @blocks::jsonb, @now)
                ON CONFLICT (group_id, type) DO UPDATE SET blocks = EXCLUDED.blocks, updated_at = EXCLUDED.updated_at
                """,
                new { group = forecast.GroupId, type = forecast.Type.ToString(), blocks = JsonSerializer.Serialize(forecast.Blocks, Json), now },
                transaction, cancellationToken: cancellationToken));
        }

        if (changes.SeenRequest is { } seen)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO oscp_seen_requests (peer_id, request_id, seen_at) VALUES (@PeerId, @RequestId, @At)
                ON CONFLICT (peer_id, request_id) DO UPDATE SET seen_at = EXCLUDED.seen_at
                """,
                seen, transaction, cancellationToken: cancellationToken));
        }

        foreach (var message in changes.Outbound)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO oscp_outbound (request_id, peer_id, kind, body, correlation_id, completes_registration, created_at)
                VALUES (@requestId, @peerId, @kind, @body::jsonb, @correlationId, @completes, @now)
                ON CONFLICT (request_id) DO NOTHING
                """,
                new
                {
                    requestId = message.RequestId,
                    peerId = message.PeerId,
                    kind = message.Kind.ToString(),
                    body = System.Text.Encoding.UTF8.GetString(OscpMessageWriter.Write(message.Body)),
                    correlationId = message.CorrelationId,
                    completes = message.CompletesRegistration,
                    now,
                },
                transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RecordDeliveryAsync(OscpDeliveryRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var final = record.Outcome != OscpDeliveryOutcome.Retry;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE oscp_outbound SET attempts = @Attempt, outcome = @outcome, last_status = @StatusCode, last_error = @Error,
                last_attempt_at = @At,
                finished_at = CASE WHEN @final THEN @At ELSE NULL END,
                body = CASE WHEN @final THEN NULL ELSE body END
            WHERE request_id = @RequestId
            """,
            new { record.Attempt, outcome = record.Outcome.ToString(), record.StatusCode, record.Error, record.At, final, record.RequestId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Cumulative energy per group for CONTINUOUS measurements (digest §5.1: such a meter never resets).</summary>
    public async Task<IReadOnlyDictionary<string, double>> LoadGroupEnergyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string GroupId, double EnergyWh)>(new CommandDefinition(
            "SELECT group_id, energy_wh FROM oscp_group_energy", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.GroupId, r => r.EnergyWh, StringComparer.Ordinal);
    }

    public async Task SaveGroupEnergyAsync(string groupId, double energyWh, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO oscp_group_energy (group_id, energy_wh, measured_at) VALUES (@groupId, @energyWh, @at)
            ON CONFLICT (group_id) DO UPDATE SET energy_wh = EXCLUDED.energy_wh, measured_at = EXCLUDED.measured_at
            """,
            new { groupId, energyWh, at }, cancellationToken: cancellationToken));
    }

    /// <summary>Recent outbound traffic of a peer for the operator view (bodies are not returned).</summary>
    public async Task<IReadOnlyList<OscpOutboundSummary>> RecentOutboundAsync(string peerId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboundSummaryRow>(new CommandDefinition(
            """
            SELECT request_id AS RequestId, kind AS Kind, correlation_id AS CorrelationId, created_at AS CreatedAt, attempts AS Attempts,
                   outcome AS Outcome, last_status AS LastStatus, last_error AS LastError, finished_at AS FinishedAt
            FROM oscp_outbound WHERE peer_id = @peerId ORDER BY created_at DESC LIMIT @limit
            """,
            new { peerId, limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToSummary())];
    }

    // Npgsql returns timestamptz as DateTime of kind Utc.
    private static DateTimeOffset AsUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class OutboundSummaryRow
    {
        public string RequestId { get; init; } = "";

        public string Kind { get; init; } = "";

        public string? CorrelationId { get; init; }

        public DateTime CreatedAt { get; init; }

        public int Attempts { get; init; }

        public string? Outcome { get; init; }

        public int? LastStatus { get; init; }

        public string? LastError { get; init; }

        public DateTime? FinishedAt { get; init; }

        public OscpOutboundSummary ToSummary() => new(
            RequestId, Kind, CorrelationId, AsUtc(CreatedAt), Attempts, Outcome, LastStatus, LastError,
            FinishedAt is { } finished ? AsUtc(finished) : null);
    }

    private sealed class SeenRow
    {
        public string PeerId { get; init; } = "";

        public string RequestId { get; init; } = "";

        public DateTime SeenAt { get; init; }
    }

    private sealed class OutboundRow
    {
        public string RequestId { get; init; } = "";

        public string PeerId { get; init; } = "";

        public string Kind { get; init; } = "";

        public string Body { get; init; } = "";

        public string? CorrelationId { get; init; }

        public bool CompletesRegistration { get; init; }
    }
}
