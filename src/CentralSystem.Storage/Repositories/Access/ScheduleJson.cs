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
                FormatTime(r.Start), FormatTime(r.End))).ToList());
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
                ParseTime(r.Start), ParseTime(r.End))).ToList());
    }

    /// <summary>Local times are minutes ("06:00"); seconds are kept when given ("06:00:30").</summary>
    public static string FormatTime(TimeOnly time) =>
        time.ToString(time.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);

    public static TimeOnly ParseTime(string text) =>
        TimeOnly.ParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture);
}

public sealed record ScheduleDocument(string DefaultMode, IReadOnlyList<RuleDocument> Rules);

public sealed record RuleDocument(string Name, string Mode, IReadOnlyList<string> Days, string Start, string End);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ScheduleDocument))]
internal sealed partial class ScheduleJsonContext : JsonSerializerContext;
