using System.Security.Cryptography;
using System.Text;

namespace CentralSystem.Domain.Chargers;

/// <summary>
/// Salted hash of a charger's HTTP Basic password (OCPP security profile 1).
/// Charger passwords are machine-generated secrets of 16–40 characters (OCPP 2.0.1 BasicAuthPassword), so a
/// salted SHA-256 is adequate and keeps reconnect storms cheap; a slow KDF would cost ~10k× more CPU per
/// connect when thousands of chargers reconnect after a restart. The minimum length is enforced at registration.
/// </summary>
public sealed class ChargerPassword
{
    public const int MinLength = 16;
    public const int MaxLength = 40;
    private const int SaltLength = 16;

    private ChargerPassword(byte[] salt, byte[] hash)
    {
        Salt = salt;
        Hash = hash;
    }

    public byte[] Salt { get; }

    public byte[] Hash { get; }

    public static ChargerPassword Restore(byte[] salt, byte[] hash) => new(salt, hash);

    public static ChargerPassword Create(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        return new ChargerPassword(salt, Compute(salt, password));
    }

    /// <returns>null when acceptable, else why not.</returns>
    public static string? Validate(string? password) =>
        password is null || password.Length < MinLength || password.Length > MaxLength
            ? $"password must be {MinLength} to {MaxLength} characters (OCPP 2.0.1 BasicAuthPassword)"
            : null;

    public bool Verify(string password) =>
        CryptographicOperations.FixedTimeEquals(Compute(Salt, password), Hash);

    private static byte[] Compute(byte[] salt, string password)
    {
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var input = new byte[salt.Length + passwordBytes.Length];
        salt.CopyTo(input, 0);
        passwordBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }
}
