namespace CentralSystem.Server.Auth;

/// <summary>
/// Users (browser login) and API keys with roles, from the <c>Operator</c> section. The single legacy
/// <c>Operator:ApiKey</c> keeps working and maps to <c>admin</c>.
/// </summary>
public sealed class OperatorAccountsOptions
{
    public List<OperatorUserOptions> Users { get; set; } = [];

    public List<OperatorApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Lifetime of a login cookie (sliding).</summary>
    public int SessionHours { get; set; } = 12;
}

public sealed class OperatorUserOptions
{
    public string Name { get; set; } = "";

    /// <summary>A <c>pbkdf2-sha256$iterations$salt$hash</c> string (see <see cref="OperatorPasswordHash"/>), or plain text for development.</summary>
    public string Password { get; set; } = "";

    public string Role { get; set; } = OperatorRoles.Viewer;
}

public sealed class OperatorApiKeyOptions
{
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public string Role { get; set; } = OperatorRoles.Viewer;
}
