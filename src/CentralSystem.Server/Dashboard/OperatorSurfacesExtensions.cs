using System.Text.Json.Serialization;
using CentralSystem.Server.Api;
using CentralSystem.Server.Audit;
using CentralSystem.Server.Auth;
using CentralSystem.Server.Commands;
using CentralSystem.Server.Events;
using CentralSystem.Server.Hosting;
using CentralSystem.Server.SmartCharging;
using CentralSystem.Storage.Repositories.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.FileProviders;

namespace CentralSystem.Server.Dashboard;

/// <summary>Composition of the operator surfaces: authentication with roles, the stored audit trail, the live dashboard (page + hub).</summary>
public static class OperatorSurfacesExtensions
{
    public static IServiceCollection AddOperatorSurfaces(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperatorAccountsOptions>().Bind(configuration.GetSection(OperatorOptions.SectionName))
            .Validate(o => o.Users.All(u => u.Name.Length > 0 && u.Password.Length > 0 && OperatorRoles.IsKnown(u.Role)),
                "Operator:Users entries need name, password and role (admin, operator or viewer)")
            .Validate(o => o.ApiKeys.All(k => k.Key.Length >= 16 && OperatorRoles.IsKnown(k.Role)),
                "Operator:ApiKeys entries need a key of at least 16 characters and a role (admin, operator or viewer)")
            .ValidateOnStart();
        services.AddSingleton<OperatorAccounts>();
        services.AddSingleton<PgOperatorAuditRepository>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<OperatorAudit>();

        // No default scheme: the OCPP endpoints never pay for authentication; the operator API filter and the hub
        // ask for the Operator policy scheme explicitly.
        services.AddAuthentication()
            .AddPolicyScheme(OperatorAuth.Scheme, "API key or login cookie", policy =>
                policy.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(OperatorAuth.ApiKeyHeader) ? OperatorAuth.ApiKeyScheme : OperatorAuth.CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(OperatorAuth.ApiKeyScheme, null)
            .AddCookie(OperatorAuth.CookieScheme, cookie =>
            {
                cookie.Cookie.Name = OperatorAuth.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.SlidingExpiration = true;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(configuration.GetValue($"{OperatorOptions.SectionName}:SessionHours", 12));

                // An API, not a site with a login page: answer 401/403 instead of redirecting.
                cookie.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorization();
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer<OperatorOpenApiTransformer>());
        // Enums as names, as the REST API writes them (the page renders pushed and fetched allocations alike).
        services.AddSignalR().AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSingleton<LiveChargerState>();
        services.AddSingleton<DashboardSnapshotQuery>();
        services.AddSingleton<IDomainEventSubscriber, DashboardPublisher>();
        services.AddSingleton<DashboardPresence>();
        services.AddHostedService<AccessDenialWatcher>();
        services.AddSingleton<SiteAllocationPublisher>();
        services.AddSingleton<ISiteAllocationObserver>(sp => sp.GetRequiredService<SiteAllocationPublisher>());
        services.AddHostedService(sp => sp.GetRequiredService<SiteAllocationPublisher>());
        services.AddSingleton<CommandRunner>();
        services.AddSingleton<RemoteStartTracker>();
        services.AddSingleton<IDomainEventSubscriber>(sp => sp.GetRequiredService<RemoteStartTracker>());
        return services;
    }

    public static void MapOperatorSurfaces(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        var auditTrail = app.Services.GetRequiredService<AuditTrail>();
        app.Use((context, next) => auditTrail.InvokeAsync(context, next));

        // The page and its scripts are copied next to the assembly (wwwroot, incl. lib/signalr.min.js from ClientApp).
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(root))
        {
            var files = new PhysicalFileProvider(root);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        app.MapOperatorAuth();
        app.MapHub<DashboardHub>(DashboardHub.Path);
        app.MapOperatorCommands();
        app.MapAuditApi();
        app.MapOpenApi();
        app.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>()
            .MapGet("/dashboard/snapshot", async (DashboardSnapshotQuery query, CancellationToken ct) => TypedResults.Ok(await query.LoadAsync(ct)));
    }
}
