namespace CentralSystem.Server.Api;

/// <summary>RFC 9457 problem body for typed 404/409 results.</summary>
public sealed record ProblemDetailsBody(string Title, string Detail, int Status);
