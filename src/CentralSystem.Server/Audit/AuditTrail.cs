using System.Security.Claims;
using CentralSystem.Server.Auth;
using CentralSystem.Storage.Repositories.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;

namespace CentralSystem.Server.Audit;

/// <summary>
/// Stores every non-GET operator API call (and the command it ran) in <c>operator_audit</c> before the caller gets
/// its answer: the entry is written when the response starts, so a caller that saw a result can rely on its trail.
/// A failed write is logged as an error and does not change the answer.
/// </summary>
public sealed partial class AuditTrail(PgOperatorAuditRepository repository, TimeProvider time, ILogger<AuditTrail> logger)
{
    // Flows from the middleware into the endpoint, so command handlers can add what they did to their request's entry.
    private static readonly AsyncLocal<PendingAudit?> Current = new();

    public static bool Covers(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method);

    // Everything else (OCPP upgrades, reads, the page) passes straight through, without an async frame of its own.
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return Covers(context.Request) ? AuditAsync(context, next) : next(context);
    }

    private async Task AuditAsync(HttpContext context, RequestDelegate next)
    {
        // Authenticate up front (the API filter reuses the principal): a request rejected before the filter runs, such
        // as an unreadable body, is still attributed to its sender.
        if (context.User.Identity?.IsAuthenticated != true)
        {
            var result = await context.AuthenticateAsync(OperatorAuth.Scheme);
            if (result.Succeeded)
            {
                context.User = result.Principal;
            }
        }

        var pending = new PendingAudit(time.GetUtcNow());
        Current.Value = pending;
        context.Response.OnStarting(() => FinishAsync(context, pending));
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            // The exception handler answers 500 later; its response start writes the entry with that status.
            failed = true;
            throw;
        }
        finally
        {
            Current.Value = null;
            if (!failed && !context.Response.HasStarted)
            {
                await FinishAsync(context, pending);
            }
        }
    }

    /// <summary>Adds a command's charger, name and outcome to the current request's entry (or stores it alone).</summary>
    public void Command(string user, string role, string chargerId, string command, string outcome)
    {
        if (Current.Value is { } pending)
        {
            pending.ChargerId = chargerId;
            pending.Command = command;
            pending.CommandOutcome = outcome;
            return;
        }

        // Not inside an operator request (no such caller today): stored without holding anyone up.
        _ = AppendAsync(new AuditEntry(time.GetUtcNow(), user, role, "-", "-", chargerId, command, outcome, null));
    }

    private async Task FinishAsync(HttpContext context, PendingAudit pending)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || !pending.TryClaimWrite())
        {
            // Unauthenticated calls are answered 401 and only logged: nobody to attribute them to.
            return;
        }

        var status = context.Response.StatusCode;
        var request = context.Request;
        var entry = new AuditEntry(
            pending.ReceivedAt,
            user.Identity.Name ?? "?",
            user.FindFirstValue(ClaimTypes.Role) ?? "?",
            request.Method,
            request.Path.Value ?? "",
            pending.ChargerId ?? ChargerOf(request.Path) ?? ChargerOf(context.Response.Headers.Location.ToString()),
            pending.Command ?? CommandOf(request.Path),
            pending.CommandOutcome ?? ReasonPhrases.GetReasonPhrase(status),
            status);
        await AppendAsync(entry);
    }

    private async Task AppendAsync(AuditEntry entry)
    {
        try
        {
            await repository.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogWriteFailed(ex, entry.Method, entry.Path, entry.User, entry.Outcome);
        }
    }

    private const string ChargersPrefix = "/api/chargers/";
    private const string CommandsSegment = "/commands/";

    // /api/chargers/{id}/... names its charger; a registration names it in the Location of its 201.
    private static string? ChargerOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith(ChargersPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[ChargersPrefix.Length..];
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        var id = Uri.UnescapeDataString(end < 0 ? rest : rest[..end]);
        return id.Length == 0 ? null : id;
    }

    // A command refused before it ran (charger not connected, bad input) is still named: /api/chargers/{id}/commands/{command}.
    private static string? CommandOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith(ChargersPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var at = path.IndexOf(CommandsSegment, ChargersPrefix.Length, StringComparison.Ordinal);
        return at < 0 || at + CommandsSegment.Length == path.Length ? null : path[(at + CommandsSegment.Length)..];
    }

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "AUDIT entry could not be stored: {Method} {Path} by {User}: {Outcome}")]
    private partial void LogWriteFailed(Exception exception, string method, string path, string user, string outcome);
}
