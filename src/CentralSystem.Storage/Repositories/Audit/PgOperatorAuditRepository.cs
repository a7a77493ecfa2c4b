using Dapper;
using Npgsql;

namespace CentralSystem.Storage.Repositories.Audit;

/// <summary>The stored operator audit trail (<c>operator_audit</c>): appended one entry at a time, read newest first.</summary>
public sealed class PgOperatorAuditRepository(NpgsqlDataSource dataSource)
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO operator_audit (occurred_at, user_name, role, method, path, charger_id, command, outcome, status_code)
            VALUES (@OccurredAt, @User, @Role, @Method, @Path, @ChargerId, @Command, @Outcome, @StatusCode)
            """,
            entry, cancellationToken: cancellationToken));
    }

    /// <param name="chargerId">Only entries about this charger (null: all).</param>
    /// <param name="user">Only entries by this user or API key name (null: all).</param>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? chargerId, string? user, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id, occurred_at, user_name, role, method, path, charger_id, command, outcome, status_code
            FROM operator_audit
            WHERE (@chargerId::text IS NULL OR charger_id = @chargerId) AND (@user::text IS NULL OR user_name = @user)
            ORDER BY id DESC LIMIT @limit
            """,
            new { chargerId, user, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }

        public DateTime OccurredAt { get; init; }

        public string UserName { get; init; } = "";

        public string Role { get; init; } = "";

        public string Method { get; init; } = "";

        public string Path { get; init; } = "";

        public string? ChargerId { get; init; }

        public string? Command { get; init; }

        public string Outcome { get; init; } = "";

        public int? StatusCode { get; init; }

        public AuditEntry ToEntry() =>
            new(Utc.From(OccurredAt), UserName, Role, Method, Path, ChargerId, Command, Outcome, StatusCode) { Id = Id };
    }
}
