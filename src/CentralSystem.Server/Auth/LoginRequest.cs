namespace CentralSystem.Server.Auth;

public sealed record LoginRequest(string? Name, string? Password);

public sealed record WhoAmI(string Name, string Role);
