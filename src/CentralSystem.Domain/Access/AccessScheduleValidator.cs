namespace CentralSystem.Domain.Access;

public static class AccessScheduleValidator
{
    public const int MaxRules = 64;
    public const int MaxNameLength = 100;

    public static bool IsKnownTimeZone(string? timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            return false;
        }

        try
        {
            // IANA ids on Linux; Windows ids are converted by .NET where ICU knows them.
            TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <returns>Every problem found, each naming its field; empty when the schedule is usable.</returns>
    public static IReadOnlyList<AccessFieldError> Validate(AccessSchedule schedule, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var errors = new List<AccessFieldError>();
        if (!IsKnownTimeZone(schedule.TimeZoneId))
        {
            errors.Add(new($"{prefix}timeZone", $"unknown time zone '{schedule.TimeZoneId}': use an IANA id such as Europe/Amsterdam"));
        }

        if (schedule.Rules.Count > MaxRules)
        {
            errors.Add(new($"{prefix}rules", $"at most {MaxRules} rules"));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < schedule.Rules.Count; i++)
        {
            var rule = schedule.Rules[i];
            var field = $"{prefix}rules[{i}]";
            if (string.IsNullOrWhiteSpace(rule.Name) || rule.Name.Length > MaxNameLength)
            {
                errors.Add(new($"{field}.name", $"name is required, at most {MaxNameLength} characters"));
            }
            else if (!names.Add(rule.Name))
            {
                errors.Add(new($"{field}.name", $"rule name '{rule.Name}' is used twice: names identify the rule that applied in access events"));
            }

            if (rule.Days.Count == 0)
            {
                errors.Add(new($"{field}.days", "at least one day of the week is required"));
            }
        }

        return errors;
    }
}
