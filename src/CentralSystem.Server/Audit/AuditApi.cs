using System.Security.Claims;
using CentralSystem.Server.Api;
using CentralSystem.Server.Auth;
using CentralSystem.Storage.Repositories.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CentralSystem.Server.Audit;

/// <summary><c>GET /api/audit</c>: the stored trail, for operators and admins (viewers see the dashboard, not who did what).</summary>
public static class AuditApi
{
    private const int MaxFilterLength = 200;

    public static void MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>().WithTags("Audit")
            .MapGet("/audit", ListAsync)
            .WithSummary("Stored audit trail of operator commands and non-GET API calls, newest first (operator or admin)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? chargerId, string? user, int? limit, HttpContext context, PgOperatorAuditRepository audit, CancellationToken ct)
    {
        // context.User, not a bound ClaimsPrincipal: the API filter authenticates after parameter binding.
        var role = context.User.FindFirstValue(ClaimTypes.Role);
        if (!OperatorRoles.CanCommand(role))
        {
            return TypedResults.Problem(title: "Forbidden", detail: $"Role '{role}' may not read the audit trail (needs operator or admin)",
                statusCode: StatusCodes.Status403Forbidden);
        }

        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > 1000)
        {
            errors["limit"] = ["limit must be 1..1000"];
        }

        if (chargerId is { Length: > MaxFilterLength })
        {
            errors["chargerId"] = [$"chargerId must be at most {MaxFilterLength} characters"];
        }

        if (user is { Length: > MaxFilterLength })
        {
            errors["user"] = [$"user must be at most {MaxFilterLength} characters"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // An empty filter (?chargerId=) means no filter.
        var entries = await audit.ListAsync(NullIfEmpty(chargerId), NullIfEmpty(user), limit ?? 100, ct);
        return TypedResults.Ok(entries);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
