namespace CentralSystem.Ocpp.Schemas;

// Draft-07 maxLength counts code points, which is neither the UTF-8 byte count nor the UTF-16
// unit count (.NET string.Length): "€" is 3 bytes and 1 code point, "😀" 4 bytes, 2 units and
// 1 code point. The payload has been checked to be valid UTF-8 before any of this runs.
internal static class Utf8Text
{
    public static int CountCodePoints(ReadOnlySpan<byte> utf8)
    {
        // Every code point has exactly one byte that is not a continuation byte (10xxxxxx).
        var count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }

    // For the raw text of a string token that contains escapes (already syntax-checked by the
    // reader). Returns -1 when a \u escape leaves a UTF-16 surrogate unpaired.
    public static int CountEscapedCodePoints(ReadOnlySpan<byte> escaped)
    {
        var count = 0;
        var i = 0;
        while (i < escaped.Length)
        {
            var b = escaped[i];
            if (b != (byte)'\\')
            {
                if ((b & 0xC0) != 0x80)
                {
                    count++;
                }

                i++;
                continue;
            }

            if (escaped[i + 1] != (byte)'u')
            {
                count++;
                i += 2;
                continue;
            }

            var unit = ReadHex4(escaped.Slice(i + 2, 4));
            i += 6;
            if (char.IsLowSurrogate((char)unit))
            {
                return -1;
            }

            if (char.IsHighSurrogate((char)unit))
            {
                if (i + 6 > escaped.Length
                    || escaped[i] != (byte)'\\'
                    || escaped[i + 1] != (byte)'u'
                    || !char.IsLowSurrogate((char)ReadHex4(escaped.Slice(i + 2, 4))))
                {
                    return -1;
                }

                i += 6;
            }

            count++;
        }

        return count;
    }

    private static int ReadHex4(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        foreach (var b in hex)
        {
            value = (value << 4) | HexDigit(b);
        }

        return value;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => throw new FormatException("Invalid hex digit in a \\u escape."),
    };
}
