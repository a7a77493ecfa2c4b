using System.Globalization;
using System.Text.RegularExpressions;

namespace CentralSystem.Oscp.Validation;

/// <summary>
/// RFC 3339 date-time with a mandatory offset. DateTimeOffset.Parse alone accepts "2026-03-01T00:00:00" (local
/// offset assumed) and date-only values, and pyoscp sends "2026-03-01 10:02:00" (digest §7.1, §9), so the shape is
/// checked first.
/// </summary>
public static partial class Rfc3339
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return Shape().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
