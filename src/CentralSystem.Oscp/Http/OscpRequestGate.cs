using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Registration;

namespace CentralSystem.Oscp.Http;

/// <summary>
/// Header checks of an inbound OSCP request, before the body is read, with the digest §7.2 status codes:
/// 401 no Authorization, 403 wrong scheme / unknown or revoked token / role not allowed, 400 no X-Request-ID,
/// 415 not application/json.
/// </summary>
public static class OscpRequestGate
{
    public const string TokenScheme = "Token";

    /// <param name="resolveToken">Looks a presented token up (hashed, constant-time compare); null when unknown.</param>
    public static OscpGateResult Check(
        OscpMessageKind kind,
        string? authorization,
        string? requestId,
        string? contentType,
        bool hasBody,
        Func<string, OscpPeerCredential?> resolveToken)
    {
        ArgumentNullException.ThrowIfNull(resolveToken);
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return OscpGateResult.Fail(401, "Authorization header is required (Authorization: Token <token>)");
        }

        // Digest §1: "Token <token>"; auth schemes are case-insensitive (RFC 9110 §11.1). Bearer is a per-profile
        // extension (SolarNetwork OAuth) that a Token-only profile refuses with 403.
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !authorization.AsSpan(0, space).Equals(TokenScheme, StringComparison.OrdinalIgnoreCase))
        {
            return OscpGateResult.Fail(403, "Authorization scheme must be Token");
        }

        var token = authorization[(space + 1)..].Trim();
        var peer = token.Length == 0 ? null : resolveToken(token);
        if (peer is null || peer.Revoked)
        {
            return OscpGateResult.Fail(403, "token is unknown or revoked");
        }

        // Digest §10/§12 Q13: capacity forecasts come from the capacity provider only; a CO token is refused.
        if (kind == OscpMessageKind.UpdateGroupCapacityForecast && peer.Role != OscpPeerRole.CapacityProvider)
        {
            return OscpGateResult.Fail(403, "only a capacity provider may send update_group_capacity_forecast");
        }

        if (string.IsNullOrWhiteSpace(requestId))
        {
            return OscpGateResult.Fail(400, "X-Request-ID header is required");
        }

        // DELETE /register may come without a body (pyoscp ignores it), so the type matters only when there is one.
        if (hasBody && !IsJson(contentType))
        {
            return OscpGateResult.Fail(415, "Content-Type must be application/json");
        }

        return new OscpGateResult(peer, requestId, 204, null);
    }

    private static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }
}
