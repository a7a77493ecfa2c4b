using System.Security.Claims;
using CentralSystem.Server.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CentralSystem.Server.Auth;

/// <summary>Browser login: <c>POST /auth/login</c> sets the operator cookie, <c>POST /auth/logout</c> clears it.</summary>
public static class AuthEndpoints
{
    public static void MapOperatorAuth(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/login", LoginAsync);
        auth.MapPost("/logout", (Delegate)LogoutAsync);
        auth.MapGet("/me", (Delegate)MeAsync);
    }

    private static async Task<Results<Ok<WhoAmI>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, OperatorAccounts accounts, OperatorAudit audit, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = ["name is required"];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["password is required"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (accounts.FindUser(request.Name, request.Password) is not { } user)
        {
            audit.Login(request.Name!, false);
            return TypedResults.Problem(title: "Unauthorized", detail: "Unknown user or wrong password", statusCode: StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)], OperatorAuth.CookieScheme);
        await context.SignInAsync(OperatorAuth.CookieScheme, new ClaimsPrincipal(identity));
        audit.Login(user.Name, true);
        return TypedResults.Ok(new WhoAmI(user.Name, user.Role));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext context)
    {
        await context.SignOutAsync(OperatorAuth.CookieScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<WhoAmI>, ProblemHttpResult>> MeAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OperatorAuth.Scheme);
        return result.Succeeded && result.Principal.Identity?.Name is { } name
            ? TypedResults.Ok(new WhoAmI(name, result.Principal.FindFirstValue(ClaimTypes.Role) ?? OperatorRoles.Viewer))
            : TypedResults.Problem(title: "Unauthorized", detail: "Log in or send an API key", statusCode: StatusCodes.Status401Unauthorized);
    }
}
