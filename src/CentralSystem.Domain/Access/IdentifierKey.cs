namespace CentralSystem.Domain.Access;

/// <summary>
/// The lookup key of an identifier, so the same tag matches however a charger spells it: case-insensitive
/// (RFID uids are hex and chargers differ in case), and a MAC address loses its separators
/// (00:1A:2B:3C:4D:5E, 00-1a-2b-3c-4d-5e and 001A2B3C4D5E are one vehicle).
/// </summary>
public static class IdentifierKey
{
    public const int MaxLength = 36; // OCPP 2.0.1 IdTokenType.idToken

    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim().ToUpperInvariant();
        return LooksLikeMac(trimmed) ? new string(trimmed.Where(Uri.IsHexDigit).ToArray()) : trimmed;
    }

    private static bool LooksLikeMac(string value)
    {
        // 6 or 8 (EUI-64) hex octets separated by ':' or '-' (or '.' in groups of four).
        if (value.Length is not (14 or 17 or 23))
        {
            return false;
        }

        var hex = 0;
        foreach (var c in value)
        {
            if (Uri.IsHexDigit(c))
            {
                hex++;
            }
            else if (c is not (':' or '-' or '.'))
            {
                return false;
            }
        }

        return hex is 12 or 16;
    }
}
