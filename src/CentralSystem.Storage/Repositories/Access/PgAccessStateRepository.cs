using CentralSystem.Domain.Access;
using Dapper;
using Npgsql;

namespace CentralSystem.Storage.Repositories.Access;

/// <summary>Per-charger mode state (desired vs applied), mode history, local list versions, and the access event query.</summary>
public sealed class PgAccessStateRepository(NpgsqlDataSource dataSource)
{
    private const string StateColumns = """
        charger_id, desired_mode, desired_rule, desired_since, next_switch_at, applied_mode, apply_status, apply_detail,
        apply_attempted_at, local_list_version
        """;

    public async Task<ChargerAccessState?> FindAsync(string chargerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StateRow>(new CommandDefinition(
            $"SELECT {StateColumns} FROM access_charger_state WHERE charger_id = @chargerId", new { chargerId }, cancellationToken: cancellationToken));
        return row?.ToDomain();
    }

    /// <summary>
    /// Records what the schedule says now. A change of mode (or a first record) appends to the history and marks the
    /// charger Pending until the command gateway reports back; the same mode only refreshes the rule and next switch.
    /// </summary>
    /// <returns>The state after the write, and whether the desired mode changed.</returns>
    public async Task<(ChargerAccessState State, bool Changed)> RecordDesiredAsync(
        string chargerId, AccessModeResolution resolution, DateTimeOffset at, DateTimeOffset? nextSwitchAt, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var previous = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT desired_mode FROM access_charger_state WHERE charger_id = @chargerId FOR UPDATE", new { chargerId }, transaction, cancellationToken: cancellationToken));
        var mode = resolution.Mode.ToString();
        var changed = previous != mode;
        var row = await connection.QuerySingleAsync<StateRow>(new CommandDefinition(
            $"""
            INSERT INTO access_charger_state (charger_id, desired_mode, desired_rule, desired_since, next_switch_at, apply_status, updated_at)
            VALUES (@chargerId, @mode, @rule, @at, @next, 'Pending', @at)
            ON CONFLICT (charger_id) DO UPDATE SET
                desired_rule = EXCLUDED.desired_rule, next_switch_at = EXCLUDED.next_switch_at, updated_at = EXCLUDED.updated_at,
                desired_since = CASE WHEN access_charger_state.desired_mode = EXCLUDED.desired_mode THEN access_charger_state.desired_since ELSE EXCLUDED.desired_since END,
                apply_status = CASE WHEN access_charger_state.applied_mode IS DISTINCT FROM EXCLUDED.desired_mode THEN 'Pending' ELSE access_charger_state.apply_status END,
                desired_mode = EXCLUDED.desired_mode
            RETURNING {StateColumns}
            """,
            new { chargerId, mode, rule = resolution.RuleName, at = at.UtcDateTime, next = nextSwitchAt?.UtcDateTime },
            transaction, cancellationToken: cancellationToken));
        if (changed)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO access_mode_history (charger_id, mode, rule, source, changed_at) VALUES (@chargerId, @mode, @rule, @source, @at)",
                new { chargerId, mode, rule = resolution.RuleName, source, at = at.UtcDateTime }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return (row.ToDomain(), changed);
    }

    public async Task RecordOutcomeAsync(string chargerId, AccessMode? appliedMode, ApplyStatus status, string? detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE access_charger_state SET applied_mode = COALESCE(@appliedMode, applied_mode), apply_status = @status,
                apply_detail = @detail, apply_attempted_at = @at, updated_at = @at
            WHERE charger_id = @chargerId
            """,
            new { chargerId, appliedMode = appliedMode?.ToString(), status = status.ToString(), detail, at = at.UtcDateTime },
            cancellationToken: cancellationToken));
    }

    /// <summary>OCPP local list versions only grow (1.6 §5.15, 2.0.1 D01.FR.xx): each Full update takes the next one.</summary>
    public async Task<int> NextLocalListVersionAsync(string chargerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "UPDATE access_charger_state SET local_list_version = local_list_version + 1 WHERE charger_id = @chargerId RETURNING local_list_version",
            new { chargerId }, cancellationToken: cancellationToken));
    }

    /// <summary>The allow-list changed: every Managed charger needs its local list again.</summary>
    public async Task<IReadOnlyList<string>> MarkManagedPendingAsync(string detail, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            "UPDATE access_charger_state SET apply_status = 'Pending', apply_detail = @detail WHERE desired_mode = 'Managed' RETURNING charger_id",
            new { detail }, cancellationToken: cancellationToken));
        return ids.ToList();
    }

    public async Task DeleteAsync(string chargerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM access_charger_state WHERE charger_id = @chargerId", new { chargerId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AccessEventRecord>> ListEventsAsync(AccessEventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(
            """
            SELECT id, occurred_at, charger_id, evse_id, connector_id, identifier, identifier_type, access_class, decision, reason, mode, rule,
                   protocol, trigger, vehicle_id, agreement_id
            FROM access_events
            WHERE (@chargerId::text IS NULL OR charger_id = @chargerId)
              AND (@decision::text IS NULL OR decision = @decision)
              AND (@from::timestamptz IS NULL OR occurred_at >= @from)
              AND (@to::timestamptz IS NULL OR occurred_at < @to)
            ORDER BY occurred_at DESC, id DESC
            LIMIT @limit
            """,
            new
            {
                query.ChargerId, decision = query.Allowed is { } allowed ? (allowed ? "Allowed" : "Denied") : null,
                from = query.From?.UtcDateTime, to = query.To?.UtcDateTime, query.Limit,
            },
            cancellationToken: cancellationToken));
        return rows.Select(r => new AccessEventRecord(r.Id, new AccessEvent(
            Utc.From(r.OccurredAt), r.ChargerId, r.EvseId, r.ConnectorId, r.Identifier, r.IdentifierType, Enum.Parse<AccessClass>(r.AccessClass),
            r.Decision == "Allowed", Enum.Parse<AccessReason>(r.Reason), r.Mode is null ? null : Enum.Parse<AccessMode>(r.Mode), r.Rule, r.Protocol,
            Enum.Parse<AccessTrigger>(r.Trigger), r.VehicleId, r.AgreementId))).ToList();
    }

    private sealed class StateRow
    {
        public string ChargerId { get; init; } = "";
        public string DesiredMode { get; init; } = "";
        public string? DesiredRule { get; init; }
        public DateTime DesiredSince { get; init; }
        public DateTime? NextSwitchAt { get; init; }
        public string? AppliedMode { get; init; }
        public string ApplyStatus { get; init; } = "";
        public string? ApplyDetail { get; init; }
        public DateTime? ApplyAttemptedAt { get; init; }
        public int LocalListVersion { get; init; }

        public ChargerAccessState ToDomain() => new(
            ChargerId, Enum.Parse<AccessMode>(DesiredMode), DesiredRule, Utc.From(DesiredSince), Utc.From(NextSwitchAt),
            AppliedMode is null ? null : Enum.Parse<AccessMode>(AppliedMode), Enum.Parse<ApplyStatus>(ApplyStatus), ApplyDetail,
            Utc.From(ApplyAttemptedAt), LocalListVersion);
    }

    private sealed class EventRow
    {
        public long Id { get; init; }
        public DateTime OccurredAt { get; init; }
        public string ChargerId { get; init; } = "";
        public int? EvseId { get; init; }
        public int? ConnectorId { get; init; }
        public string Identifier { get; init; } = "";
        public string? IdentifierType { get; init; }
        public string AccessClass { get; init; } = "";
        public string Decision { get; init; } = "";
        public string Reason { get; init; } = "";
        public string? Mode { get; init; }
        public string? Rule { get; init; }
        public string Protocol { get; init; } = "";
        public string Trigger { get; init; } = "";
        public string? VehicleId { get; init; }
        public string? AgreementId { get; init; }
    }
}
