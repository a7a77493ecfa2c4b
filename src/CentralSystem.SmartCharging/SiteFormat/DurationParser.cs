using System.Globalization;
using System.Xml;

namespace CentralSystem.SmartCharging.SiteFormat;

/// <summary>
/// Durations as operators type them: "15m", "24h", "90s", "1d", "1h30m", or ISO 8601 ("PT15M"), or plain seconds.
/// </summary>
public static class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s.StartsWith('P') || s.StartsWith('p'))
        {
            try
            {
                duration = XmlConvert.ToTimeSpan(s.ToUpperInvariant());
                return duration >= TimeSpan.Zero;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            duration = TimeSpan.FromSeconds(seconds);
            return seconds >= 0;
        }

        var total = TimeSpan.Zero;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (start == i || i >= s.Length || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var unit = char.ToLowerInvariant(s[i++]);
            total += unit switch
            {
                'd' => TimeSpan.FromDays(value),
                'h' => TimeSpan.FromHours(value),
                'm' => TimeSpan.FromMinutes(value),
                's' => TimeSpan.FromSeconds(value),
                _ => TimeSpan.MinValue,
            };
            if (total < TimeSpan.Zero)
            {
                return false;
            }
        }

        duration = total;
        return true;
    }

    public static string Format(TimeSpan duration) => XmlConvert.ToString(duration);
}
