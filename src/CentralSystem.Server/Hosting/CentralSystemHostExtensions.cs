using CentralSystem.Domain.Authorization;
using CentralSystem.Domain.Events;
using CentralSystem.Domain.Sessions;
using CentralSystem.Domain.Status;
using CentralSystem.Domain.Access;
using CentralSystem.Server.Caching;
using CentralSystem.Server.Dashboard;
using CentralSystem.Server.Events;
using CentralSystem.Storage.Repositories;
using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Transport;
using CentralSystem.Oscp.Http;
using CentralSystem.Server.Access;
using CentralSystem.Server.Api;
using CentralSystem.Server.Oscp;
using CentralSystem.Server.SmartCharging;
using CentralSystem.Storage;
using CentralSystem.Storage.Provisioning;

namespace CentralSystem.Server.Hosting;

public static class CentralSystemHostExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:8180";

    /// <summary>
    /// Finds or provisions the database (a private local cluster when no connection string is configured), applies
    /// migrations, and registers every service.
    /// </summary>
    public static async Task AddCentralSystemAsync(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // Kestrel runs our WebSocket code on the thread that completed the read instead of queueing it: nothing on
        // that path blocks (every database write is awaited), and it saves a thread hop per frame (InlineSocketCompletions).
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = builder.Configuration.GetValue("Transport:InlineScheduling", true));

        using var bootstrapLogging = LoggerFactory.Create(logging => logging.AddConsole().AddConfiguration(builder.Configuration.GetSection("Logging")));
        var dataFolder = builder.Configuration["DataFolder"] ?? ".data";
        var database = await DatabaseBootstrapper.ProvisionAsync(
            builder.Configuration.GetConnectionString("CentralSystem"), dataFolder, bootstrapLogging, TimeProvider.System, CancellationToken.None);

        // Owned by the container: a local cluster started here is stopped when the server stops.
        builder.Services.AddSingleton(_ => database);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCentralSystemStorage(database.ConnectionString, builder.Configuration);
        builder.Services.AddCentralSystemOcpp(builder.Configuration);
        builder.Services.AddSingleton<AuthorizationService>();
        builder.Services.AddSingleton<ActiveSessionIndex>();
        builder.Services.AddSingleton<SessionService>();
        builder.Services.AddSingleton<ConnectorStatusService>();
        builder.Services.AddSingleton<DomainEventHub>();
        builder.Services.AddSingleton<IDomainEventSink>(sp => sp.GetRequiredService<DomainEventHub>());
        builder.Services.AddSingleton<IChargerSessionObserver>(sp => sp.GetRequiredService<DomainEventHub>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DomainEventHub>());
        builder.Services.AddSingleton<IFrameLog, FrameLogAdapter>();
        builder.Services.AddOptions<FrameLogOptions>().Bind(builder.Configuration.GetSection(OcppOptions.SectionName));
        builder.Services.AddOptions<OperatorOptions>().Bind(builder.Configuration.GetSection(OperatorOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApiKey), "Operator:ApiKey must be set").ValidateOnStart();
        builder.Services.AddHostedService<PresenceFlusher>();
        builder.Services.AddAccessControl(builder.Configuration, database.ConnectionString);
        builder.Services.AddSmartChargingDispatch(builder.Configuration);
        builder.Services.AddOscpFlexibilityProvider(builder.Configuration);
        builder.Services.AddOperatorSurfaces(builder.Configuration);

        // Read caches over operator-managed data on the authorisation path (registered last: they wrap the stores).
        builder.Services.AddSingleton<OperatorWriteGeneration>();
        builder.Services.AddSingleton<PgIdTokenRepository>();
        builder.Services.AddSingleton<IIdTokenRepository, CachedIdTokenRepository>();
        builder.Services.AddSingleton<IAccessDecisionStore, CachedAccessDecisionStore>();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
    }

    public static void MapCentralSystem(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Resolved once so the container owns it: disposing the host stops a local cluster this process started.
        _ = app.Services.GetRequiredService<ProvisionedDatabase>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets();
        app.Use(async (context, next) =>
        {
            // Any operator write may change what the read caches hold: invalidate before (no stale read can be cached
            // under the new generation after the write commits) and after.
            var writes = !HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/api");
            var generation = writes ? context.RequestServices.GetRequiredService<OperatorWriteGeneration>() : null;
            generation?.Bump();
            try
            {
                await next(context);
            }
            finally
            {
                generation?.Bump();
            }
        });
        app.MapOcpp();
        app.MapOperatorApi();
        app.MapAccessApi();
        app.MapSmartChargingApi();
        app.MapOscp();
        app.MapOscpApi();
        app.MapOperatorSurfaces();
        app.MapGet("/health", (ConnectionRegistry registry) => TypedResults.Ok(new { status = "ok", connectedChargers = registry.Count }));
    }
}
