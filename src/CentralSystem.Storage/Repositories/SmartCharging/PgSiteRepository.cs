using Dapper;
using Npgsql;

namespace CentralSystem.Storage.Repositories.SmartCharging;

public sealed class PgSiteRepository(NpgsqlDataSource dataSource)
{
    /// <summary>Inserts or replaces a site; returns the new version (1 for a new site).</summary>
    public async Task<int> UpsertAsync(string id, string document, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO sites (id, document, version, updated_at) VALUES (@id, @document::jsonb, 1, @at)
            ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, version = sites.version + 1, updated_at = EXCLUDED.updated_at
            RETURNING version
            """,
            new { id, document, at },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<SiteRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT id, document::text AS document, version, updated_at FROM sites ORDER BY id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<SiteRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT id, document::text AS document, version, updated_at FROM sites WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sites WHERE id = @id", new { id }, cancellationToken: cancellationToken)) > 0;
    }

    private sealed class Row
    {
        public string Id { get; init; } = "";

        public string Document { get; init; } = "";

        public int Version { get; init; }

        public DateTime UpdatedAt { get; init; }

        public SiteRecord ToRecord() => new(Id, Document, Version, Utc.From(UpdatedAt));
    }
}
