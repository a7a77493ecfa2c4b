using CentralSystem.Ocpp.Transport;
using CentralSystem.Server.Events;
using CentralSystem.Storage.Repositories.SmartCharging;

namespace CentralSystem.Server.SmartCharging;

public static class SmartChargingServiceCollectionExtensions
{
    /// <summary>Sites, the dispatcher (event subscriber, boot observer, background loop) and its repositories.</summary>
    public static IServiceCollection AddSmartChargingDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmartChargingOptions>().Bind(configuration.GetSection(SmartChargingOptions.SectionName)).ValidateOnStart()
            .Validate(o => o.DebounceMilliseconds is >= 0 and <= 10_000, "SmartCharging:DebounceMilliseconds must be 0..10000")
            .Validate(o => o.PeriodicSeconds is >= 1, "SmartCharging:PeriodicSeconds must be at least 1")
            .Validate(o => o.ProfileValidityMinutes is >= 1, "SmartCharging:ProfileValidityMinutes must be at least 1")
            .Validate(o => o.DefaultSafeCurrentA >= 0 && o.RetryBaseSeconds > 0 && o.MaxRetrySeconds >= o.RetryBaseSeconds,
                "SmartCharging: DefaultSafeCurrentA >= 0, RetryBaseSeconds > 0 and MaxRetrySeconds >= RetryBaseSeconds");
        services.AddSingleton<PgSiteRepository>();
        services.AddSingleton<PgDispatchedProfileRepository>();
        services.AddSingleton<SmartChargingDispatcher>();
        services.AddSingleton<IDomainEventSubscriber>(sp => sp.GetRequiredService<SmartChargingDispatcher>());
        services.AddSingleton<IChargerSessionObserver>(sp => sp.GetRequiredService<SmartChargingDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<SmartChargingDispatcher>());
        return services;
    }
}
