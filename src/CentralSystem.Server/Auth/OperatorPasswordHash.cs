using System.Security.Cryptography;
using System.Text;

namespace CentralSystem.Server.Auth;

/// <summary>
/// Password check for configured users: <c>pbkdf2-sha256$ITERATIONS$SALT_BASE64$HASH_BASE64</c>, or (development only)
/// the plain password. Create a hash with <see cref="Create"/>.
/// </summary>
public static class OperatorPasswordHash
{
    private const string Prefix = "pbkdf2-sha256$";

    public static bool IsHashed(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Create(string password, int iterations = 210_000)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"{Prefix}{iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string stored, string presented)
    {
        if (!IsHashed(stored))
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(presented));
        }

        var parts = stored[Prefix.Length..].Split('$');
        if (parts.Length != 3 || !int.TryParse(parts[0], out var iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[1]);
            var expected = Convert.FromBase64String(parts[2]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(presented), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
