using System.Security.Cryptography;
using System.Text;
using CentralSystem.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CentralSystem.Server.Auth;

/// <summary>Looks up API keys and user credentials; the result is the caller's name and role.</summary>
public sealed class OperatorAccounts(IOptions<OperatorAccountsOptions> accounts, IOptions<OperatorOptions> legacy)
{
    public const string LegacyKeyName = "api-key";

    public (string Name, string Role)? FindApiKey(string presented)
    {
        if (presented.Length == 0)
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        (string, string)? found = null;

        // Compare against every key (no early exit), each in constant time.
        if (legacy.Value.ApiKey.Length > 0 && CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(legacy.Value.ApiKey)))
        {
            found = (LegacyKeyName, OperatorRoles.Admin);
        }

        foreach (var key in accounts.Value.ApiKeys)
        {
            if (key.Key.Length > 0 && CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(key.Key)))
            {
                found ??= (key.Name.Length > 0 ? key.Name : "api-key:" + key.Role, key.Role);
            }
        }

        return found;
    }

    public (string Name, string Role)? FindUser(string? name, string? password)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        var user = accounts.Value.Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));
        return user is not null && user.Password.Length > 0 && OperatorPasswordHash.Verify(user.Password, password) ? (user.Name, user.Role) : null;
    }
}
