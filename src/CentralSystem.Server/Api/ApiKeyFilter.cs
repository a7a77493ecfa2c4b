using System.Security.Claims;
using CentralSystem.Server.Auth;
using Microsoft.AspNetCore.Authentication;

namespace CentralSystem.Server.Api;

/// <summary>
/// Operator API authentication and roles: an API key (X-Api-Key) or the dashboard login cookie. Reading (GET) needs
/// any role; every other method needs <c>operator</c> or <c>admin</c>; endpoints marked with
/// <see cref="AdminOnlyAttribute"/> need <c>admin</c>.
/// </summary>
internal sealed class ApiKeyFilter : IEndpointFilter
{
    public const string HeaderName = OperatorAuth.ApiKeyHeader;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true)
        {
            var result = await http.AuthenticateAsync(OperatorAuth.Scheme);
            if (!result.Succeeded)
            {
                return TypedResults.Problem(
                    title: "Unauthorized",
                    detail: $"Send a valid operator API key in the {HeaderName} header, or log in",
                    statusCode: StatusCodes.Status401Unauthorized);
            }

            http.User = result.Principal;
        }

        var role = http.User.FindFirstValue(ClaimTypes.Role);
        var adminOnly = http.GetEndpoint()?.Metadata.GetMetadata<AdminOnlyAttribute>() is not null;
        var reading = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        var allowed = adminOnly ? role == OperatorRoles.Admin : reading ? OperatorRoles.IsKnown(role) : OperatorRoles.CanCommand(role);
        if (!allowed)
        {
            return TypedResults.Problem(
                title: "Forbidden",
                detail: $"Role '{role}' may not {http.Request.Method} {http.Request.Path} (needs {(adminOnly ? "admin" : reading ? "any role" : "operator or admin")})",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (!reading)
        {
            // Every operator write (commands, registrations, schedules, remote start) is attributed to its sender.
            http.RequestServices.GetRequiredService<OperatorAudit>().Write(http.User.Identity?.Name ?? "?", role ?? "?", http.Request.Method, http.Request.Path);
        }

        return await next(context);
    }
}
