using System.Reflection;
using System.Text;

namespace CentralSystem.Storage.Migrations;

// One forward-only schema step. Version is the file name without ".sql" (e.g. "0001_core");
// migrations run in ordinal order of Version, and a version once applied is never run again.
public sealed record Migration(string Version, string Sql)
{
    public const string DefaultResourcePrefix = "Migrations.";

    // The csproj embeds Migrations/*.sql as "Migrations.<file>.sql".
    public static IReadOnlyList<Migration> FromEmbeddedResources(Assembly assembly, string resourcePrefix = DefaultResourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var migrations = new List<Migration>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(resourcePrefix, StringComparison.Ordinal)
                || !name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded resource {name} could not be opened.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(new Migration(name[resourcePrefix.Length..^".sql".Length], reader.ReadToEnd()));
        }

        return Ordered(migrations);
    }

    // Ordinal, so "0002_x" < "0010_y" as long as versions are zero-padded, which the
    // NNNN_description naming guarantees; duplicates are a packaging mistake, not something to guess about.
    public static IReadOnlyList<Migration> Ordered(IEnumerable<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        var ordered = migrations.OrderBy(m => m.Version, StringComparer.Ordinal).ToList();
        foreach (var migration in ordered)
        {
            if (string.IsNullOrWhiteSpace(migration.Version))
            {
                throw new ArgumentException("A migration has an empty version.", nameof(migrations));
            }
        }

        var duplicate = ordered
            .GroupBy(m => m.Version, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Migration version {duplicate.Key} appears more than once.", nameof(migrations));
        }

        return ordered;
    }
}
