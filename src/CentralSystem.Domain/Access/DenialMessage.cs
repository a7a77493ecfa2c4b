using System.Globalization;

namespace CentralSystem.Domain.Access;

/// <summary>
/// The driver-facing text for an access denial (OCPP 2.0.1 IdTokenInfo.personalMessage, at most 512 characters).
/// Times are the site's local wall clock.
/// </summary>
public static class DenialMessage
{
    public const int MaxLength = 512;

    public static string For(AccessReason reason, AccessSwitch? next, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var text = reason switch
        {
            AccessReason.AgreementNotYetValid => "Access denied: your fleet agreement is not valid yet.",
            AccessReason.AgreementExpired => "Access denied: your fleet agreement has expired.",
            AccessReason.AgreementOutOfScope => "Access denied: your fleet agreement does not cover this charger.",
            _ when next is { To.Mode: AccessMode.Freevend } => $"Access denied: this charger is reserved for fleet vehicles until {When(next.At, zone, now)}.",
            _ => "Access denied: this charger is reserved for fleet vehicles.",
        };
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }

    private static string When(DateTimeOffset at, TimeZoneInfo zone, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone);
        return local.Date == today.Date
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("ddd HH:mm", CultureInfo.InvariantCulture);
    }
}
