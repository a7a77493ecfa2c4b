namespace CentralSystem.Server.Auth;

/// <summary>Authentication scheme names: the policy scheme picks the API key (X-Api-Key header) or the login cookie.</summary>
public static class OperatorAuth
{
    public const string Scheme = "Operator";
    public const string ApiKeyScheme = "OperatorApiKey";
    public const string CookieScheme = "OperatorCookie";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string CookieName = "csms.operator";
}
