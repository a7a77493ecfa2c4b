using System.Security.Cryptography;
using System.Text;

namespace CentralSystem.Oscp.Registration;

/// <summary>
/// Tokens we issue to peers (TOKEN_A out-of-band, TOKEN_C in our Register reply; digest §3.1). We only ever verify
/// them, so only a SHA-256 hash is stored and the check runs in constant time (digest §1 [R]).
/// </summary>
public static class OscpTokens
{
    /// <summary>48 random bytes, base64url: 64 characters, as SolarNetwork issues them (digest §1: ≥ 32 bytes).</summary>
    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[48];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static bool Matches(string presented, ReadOnlySpan<byte> storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);
}
