using Npgsql;

namespace CentralSystem.Storage.Writes;

/// <summary>Result readers for batched statements.</summary>
public static class Reads
{
    /// <summary>True when the statement returned at least one row (e.g. an INSERT … ON CONFLICT DO NOTHING that inserted).</summary>
    public static async ValueTask<bool> AnyRow(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var any = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            any = true;
        }

        return any;
    }
}
