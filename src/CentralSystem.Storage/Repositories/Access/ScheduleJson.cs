using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CentralSystem.Domain.Access;

namespace CentralSystem.Storage.Repositories.Access;

/// <summary>The jsonb document a schedule is stored as: {"defaultMode": "Freevend", "rules": [{"name", "mode", "days", "start", "end"}]}.</summary>
public static class ScheduleJson
{
    public static string Serialize(ScheduleRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var document = new ScheduleDocument(
            rules.DefaultMode.ToString(),
            rules.Rules.Select(r => new RuleDocument(
                r.Name, r.Mode.ToString(), r.Days.Order().Select(d => d.ToString()).ToList(),
                r.Start.ToString("HH:mm", CultureInfo.InvariantCulture), r.End.ToString("HH:mm", CultureInfo.InvariantCulture))).ToList());
        return JsonSerializer.Serialize(document, ScheduleJsonContext.Default.ScheduleDocument);
    }

    public static ScheduleRules? Deserialize(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var document = JsonSerializer.Deserialize(json, ScheduleJsonContext.Default.ScheduleDocument)
            ?? throw new InvalidDataException("stored access schedule is null");
        return new ScheduleRules(
            Enum.Parse<AccessMode>(document.DefaultMode),
            document.Rules.Select(r => new AccessRule(
                r.Name, Enum.Parse<AccessMode>(r.Mode), r.Days.Select(Enum.Parse<DayOfWeek>).ToHashSet(),
                TimeOnly.ParseExact(r.Start, "HH:mm", CultureInfo.InvariantCulture), TimeOnly.ParseExact(r.End, "HH:mm", CultureInfo.InvariantCulture))).ToList());
    }
}

public sealed record ScheduleDocument(string DefaultMode, IReadOnlyList<RuleDocument> Rules);

public sealed record RuleDocument(string Name, string Mode, IReadOnlyList<string> Days, string Start, string End);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ScheduleDocument))]
internal sealed partial class ScheduleJsonContext : JsonSerializerContext;
