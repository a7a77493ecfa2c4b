namespace CentralSystem.Ocpp.Schemas;

// format "date-time": RFC 3339 section 5.6, the production draft-07 names.
//   full-date "T" partial-time time-offset, e.g. 2024-05-01T12:30:00.123+02:00
// T and Z may be lower case (RFC 3339 5.6 note). The offset is mandatory, fractional seconds
// may have any number of digits, and second 60 is accepted only where a leap second can occur,
// i.e. at 23:59 UTC (the JSON-Schema-Test-Suite reading).
//
// NJsonSchema 10.7.2 differs: it also accepts dates without an offset ("2024-05-01T12:30:00",
// "2024-05-01", even "2024"), a space instead of T and "+0200", and it rejects lower-case t/z,
// more than 7 fractional digits and leap seconds. OCPP requires UTC with an offset ("Z"), so we
// keep to RFC 3339; the differential test only generates date-times both libraries agree on.
internal static class Rfc3339
{
    private const int MinutesPerDay = 24 * 60;

    public static bool IsDateTime(ReadOnlySpan<byte> s)
    {
        // yyyy-MM-ddTHH:mm:ss is 19 bytes, plus at least "Z".
        if (s.Length < 20
            || !TryDigits(s[0..4], out var year)
            || s[4] != (byte)'-'
            || !TryDigits(s[5..7], out var month)
            || s[7] != (byte)'-'
            || !TryDigits(s[8..10], out var day)
            || (s[10] | 0x20) != (byte)'t'
            || !TryDigits(s[11..13], out var hour)
            || s[13] != (byte)':'
            || !TryDigits(s[14..16], out var minute)
            || s[16] != (byte)':'
            || !TryDigits(s[17..19], out var second))
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var i = 19;
        if (s[i] == (byte)'.')
        {
            var start = ++i;
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }

            if (i == start || i == s.Length)
            {
                return false;
            }
        }

        int offsetMinutes;
        var zone = s[i..];
        if (zone.Length == 1 && (zone[0] | 0x20) == (byte)'z')
        {
            offsetMinutes = 0;
        }
        else if (zone.Length == 6
            && (zone[0] == (byte)'+' || zone[0] == (byte)'-')
            && TryDigits(zone[1..3], out var offsetHour)
            && zone[3] == (byte)':'
            && TryDigits(zone[4..6], out var offsetMinute)
            && offsetHour <= 23
            && offsetMinute <= 59)
        {
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (zone[0] == (byte)'-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        if (second == 60)
        {
            var utcMinuteOfDay = ((hour * 60 + minute - offsetMinutes) % MinutesPerDay + MinutesPerDay) % MinutesPerDay;
            return utcMinuteOfDay == MinutesPerDay - 1;
        }

        return true;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    // Proleptic Gregorian, year 0000 included (DateTime.IsLeapYear refuses it).
    private static bool IsLeapYear(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            if (!IsDigit(b))
            {
                return false;
            }

            value = value * 10 + (b - '0');
        }

        return true;
    }
}
