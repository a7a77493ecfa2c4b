namespace CentralSystem.Server.Auth;

/// <summary>Operator roles: viewers read; operators also send commands; admins also manage chargers and credentials.</summary>
public static class OperatorRoles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Viewer = "viewer";

    public static bool IsKnown(string? role) => role is Admin or Operator or Viewer;

    public static bool CanCommand(string? role) => role is Admin or Operator;
}
