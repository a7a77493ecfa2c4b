using CentralSystem.Domain.Authorization;
using Dapper;
using Npgsql;

namespace CentralSystem.Storage.Repositories;

public sealed class PgIdTokenRepository(NpgsqlDataSource dataSource) : IIdTokenRepository
{
    public async Task<IdTokenRecord?> FindAsync(string idToken, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            "SELECT id_token, token_type, status, expires_at, group_id_token FROM id_tokens WHERE id_token = @idToken",
            new { idToken },
            cancellationToken: cancellationToken));
        return row?.ToDomain();
    }

    public async Task UpsertAsync(IdTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO id_tokens (id_token, token_type, status, expires_at, group_id_token, updated_at)
            VALUES (@IdToken, @TokenType, @Status, @ExpiresAt, @GroupIdToken, now())
            ON CONFLICT (id_token) DO UPDATE SET token_type = EXCLUDED.token_type, status = EXCLUDED.status,
                expires_at = EXCLUDED.expires_at, group_id_token = EXCLUDED.group_id_token, updated_at = now()
            """,
            new { token.IdToken, token.TokenType, Status = token.Status.ToString(), ExpiresAt = token.ExpiresAt?.UtcDateTime, token.GroupIdToken },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<IdTokenRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<TokenRow>(new CommandDefinition(
            "SELECT id_token, token_type, status, expires_at, group_id_token FROM id_tokens ORDER BY id_token",
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDomain()).ToList();
    }

    private sealed class TokenRow
    {
        public string IdToken { get; init; } = "";
        public string TokenType { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTime? ExpiresAt { get; init; }
        public string? GroupIdToken { get; init; }

        public IdTokenRecord ToDomain() => new(IdToken, TokenType, Enum.Parse<IdTokenStatus>(Status), Utc.From(ExpiresAt), GroupIdToken);
    }
}
