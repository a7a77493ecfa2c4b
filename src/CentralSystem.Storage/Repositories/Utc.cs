namespace CentralSystem.Storage.Repositories;

internal static class Utc
{
    /// <summary>Npgsql returns timestamptz as DateTime of kind Utc.</summary>
    public static DateTimeOffset From(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? From(DateTime? value) => value is { } v ? From(v) : null;
}
