using Npgsql;
using NpgsqlTypes;

namespace CentralSystem.Storage.Writes;

/// <summary>Positional parameters for batched statements ($1, $2 …): typed, with NULL for missing values.</summary>
public static class Param
{
    public static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Json(string value) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = value };

    public static NpgsqlParameter Int(int? value) => new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Long(long? value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Numeric(decimal? value) => new() { NpgsqlDbType = NpgsqlDbType.Numeric, Value = (object?)value ?? DBNull.Value };

    /// <summary>timestamptz takes UTC only (Npgsql 6+): any offset is normalised here.</summary>
    public static NpgsqlParameter Time(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? v.UtcDateTime : DBNull.Value };

    public static NpgsqlParameter TextArray(IReadOnlyList<string> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = values.ToArray() };

    /// <summary>An array of <paramref name="elementType"/>; null elements are SQL NULLs. DateTime elements must be UTC.</summary>
    public static NpgsqlParameter Array<T>(NpgsqlDbType elementType, T[] values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | elementType, Value = values };
}
