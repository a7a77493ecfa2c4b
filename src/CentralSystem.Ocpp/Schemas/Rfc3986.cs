namespace CentralSystem.Ocpp.Schemas;

// format "uri": an absolute URI per RFC 3986 section 3, checked lexically: a scheme
// (ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )), a colon, then only characters a URI may contain
// (unreserved, reserved, or "%" HEXDIG HEXDIG) with at most one "#". The authority and path
// structure is not taken apart: OCPP only uses this for firmware and diagnostics locations.
//
// NJsonSchema 10.7.2 defers to System.Uri, which also accepts relative paths ("/fw.bin" is a
// file URI on Unix), Windows paths, spaces after a scheme is found, and non-ASCII (IRIs); and it
// rejects some RFC-valid forms such as "x:". The differential test keeps to URIs both accept.
internal static class Rfc3986
{
    public static bool IsUri(ReadOnlySpan<byte> s)
    {
        if (s.Length < 2 || !IsAlpha(s[0]))
        {
            return false;
        }

        var i = 1;
        while (i < s.Length && (IsAlpha(s[i]) || IsDigit(s[i]) || s[i] is (byte)'+' or (byte)'-' or (byte)'.'))
        {
            i++;
        }

        if (i == s.Length || s[i] != (byte)':')
        {
            return false;
        }

        var fragment = false;
        for (i++; i < s.Length; i++)
        {
            var b = s[i];
            if (b == (byte)'%')
            {
                if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (b == (byte)'#')
            {
                if (fragment)
                {
                    return false;
                }

                fragment = true;
            }
            else if (!IsUriCharacter(b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUriCharacter(byte b) =>
        IsAlpha(b) || IsDigit(b) || "-._~:/?[]@!$&'()*+,;=".AsSpan().Contains((char)b);

    private static bool IsAlpha(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool IsHex(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 'f' - 'a';
}
