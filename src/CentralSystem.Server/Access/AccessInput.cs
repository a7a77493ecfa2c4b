using System.Globalization;
using CentralSystem.Domain.Access;
using CentralSystem.Storage.Repositories.Access;

namespace CentralSystem.Server.Access;

/// <summary>Parses operator input into the domain model, collecting every error against the field that caused it.</summary>
internal sealed class AccessInput
{
    public const int MaxIdLength = 64;

    private static readonly Dictionary<string, DayOfWeek> DayNames = BuildDayNames();

    public Dictionary<string, string[]> Errors { get; } = [];

    public bool IsValid => Errors.Count == 0;

    public void Add(string field, string message) =>
        Errors[field] = Errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public AccessMode? Mode(string? value, string field, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "required: Freevend or Managed");
            }

            return null;
        }

        if (Enum.TryParse<AccessMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode))
        {
            return mode;
        }

        Add(field, $"'{value}' is not an access mode: Freevend or Managed");
        return null;
    }

    public IdentifierType? Type(string? value, string field)
    {
        if (value is not null && Enum.TryParse<IdentifierType>(value, ignoreCase: true, out var type) && Enum.IsDefined(type))
        {
            return type;
        }

        Add(field, $"'{value}' is not an identifier type: RFID, MAC, PIN or Other");
        return null;
    }

    public string? Id(string? value, string field, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, $"required, 1 to {MaxIdLength} characters");
            }

            return null;
        }

        if (value.Length > MaxIdLength || value.Any(char.IsControl))
        {
            Add(field, $"1 to {MaxIdLength} printable characters");
            return null;
        }

        return value;
    }

    public string? Identifier(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > IdentifierKey.MaxLength || value.Any(char.IsControl))
        {
            Add(field, $"required, 1 to {IdentifierKey.MaxLength} printable characters (OCPP 2.0.1 IdTokenType; 1.6 idTags are at most 20)");
            return null;
        }

        return value.Trim();
    }

    public string? TimeZone(string? value, string field)
    {
        if (AccessScheduleValidator.IsKnownTimeZone(value))
        {
            return value;
        }

        Add(field, value is null ? "required: an IANA time zone id such as Europe/Amsterdam" : $"unknown time zone '{value}': use an IANA id such as Europe/Amsterdam");
        return null;
    }

    /// <summary>Rules and default mode; the time zone is checked separately.</summary>
    public ScheduleRules? Rules(string? defaultMode, IReadOnlyList<RuleBody>? rules, string prefix = "")
    {
        var mode = Mode(defaultMode, $"{prefix}defaultMode");
        var parsed = new List<AccessRule>();
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            var body = rules![i];
            var field = $"{prefix}rules[{i}]";
            if (body is null)
            {
                Add(field, "a rule object is required");
                continue;
            }

            var ruleMode = Mode(body.Mode, $"{field}.mode");
            var days = Days(body.Days, $"{field}.days");
            var start = Time(body.Start, $"{field}.start", allowEndOfDay: false);
            var end = Time(body.End, $"{field}.end", allowEndOfDay: true);
            if (ruleMode is { } m && days is not null && start is { } s && end is { } e)
            {
                parsed.Add(new AccessRule(body.Name?.Trim() ?? "", m, days, s, e));
            }
        }

        if (mode is null || !IsValid)
        {
            return null;
        }

        var result = new ScheduleRules(mode.Value, parsed);
        foreach (var error in AccessScheduleValidator.Validate(result.In("UTC"), prefix))
        {
            Add(error.Field, error.Message);
        }

        return IsValid ? result : null;
    }

    public static RuleView View(AccessRule rule) => new(
        rule.Name, rule.Mode.ToString(), rule.Days.Order().Select(d => d.ToString()).ToList(),
        ScheduleJson.FormatTime(rule.Start), ScheduleJson.FormatTime(rule.End));

    private HashSet<DayOfWeek>? Days(IReadOnlyList<string>? days, string field)
    {
        if (days is null || days.Count == 0)
        {
            Add(field, "at least one day: Mon..Sun (or Monday..Sunday)");
            return null;
        }

        var set = new HashSet<DayOfWeek>();
        foreach (var day in days)
        {
            if (day is null || !DayNames.TryGetValue(day.Trim(), out var parsed))
            {
                Add(field, $"'{day}' is not a day of the week: Mon..Sun (or Monday..Sunday)");
                return null;
            }

            set.Add(parsed);
        }

        return set;
    }

    private TimeOnly? Time(string? value, string field, bool allowEndOfDay)
    {
        if (allowEndOfDay && value == "24:00")
        {
            return TimeOnly.MinValue; // midnight at the end of the day: the window crosses into the next day at 00:00
        }

        if (value is not null && TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        Add(field, $"'{value}' is not a local time HH:mm or HH:mm:ss (00:00 to 23:59{(allowEndOfDay ? ", or 24:00" : "")})");
        return null;
    }

    private static Dictionary<string, DayOfWeek> BuildDayNames()
    {
        var names = new Dictionary<string, DayOfWeek>(StringComparer.OrdinalIgnoreCase);
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            names[day.ToString()] = day;
            names[day.ToString()[..3]] = day;
        }

        return names;
    }
}
