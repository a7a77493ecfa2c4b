using CentralSystem.Oscp;
using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Persistence;
using CentralSystem.Server.SmartCharging;

namespace CentralSystem.Server.Oscp;

public static class OscpHostingExtensions
{
    /// <summary>
    /// The OSCP Flexibility Provider with PostgreSQL state, the outbound sender, periodic heartbeats and measurements,
    /// envelopes fed into smart charging (with Quartz at envelope edges) and compliance tracking.
    /// </summary>
    public static IServiceCollection AddOscpFlexibilityProvider(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OscpHostOptions>().Bind(configuration.GetSection(OscpHostOptions.SectionName)).ValidateOnStart()
            .Validate(o => o.MeasurementIntervalSeconds >= 1, "Oscp:MeasurementIntervalSeconds must be at least 1")
            .Validate(o => o.RequestTimeoutSeconds >= 1, "Oscp:RequestTimeoutSeconds must be at least 1")
            .Validate(o => o.RetryInitialSeconds >= 1 && o.RetryMaxSeconds >= o.RetryInitialSeconds, "Oscp: RetryInitialSeconds >= 1 and RetryMaxSeconds >= RetryInitialSeconds")
            .Validate(o => o.ComplianceGraceSeconds >= 0, "Oscp:ComplianceGraceSeconds must not be negative");
        services.AddSingleton<PgOscpStateStore>();
        services.AddSingleton<IOscpStateStore>(sp => sp.GetRequiredService<PgOscpStateStore>());
        services.AddSingleton<OscpEdgeScheduler>();
        services.AddSingleton<OscpGroupChanges>();
        services.AddSingleton<OscpEnvelopeBridge>();
        services.AddSingleton<IOscpEnvelopeListener>(sp => sp.GetRequiredService<OscpEnvelopeBridge>());
        services.AddOscp(configuration);
        services.AddHostedService<OscpStateLoader>();
        services.AddHostedService<OscpOutboundSender>();
        services.AddHostedService<OscpPeriodicSender>();
        services.AddSingleton<OscpAllocationFeed>();
        services.AddSingleton<ISiteAllocationObserver>(sp => sp.GetRequiredService<OscpAllocationFeed>());
        services.AddSingleton<OscpComplianceMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<OscpComplianceMonitor>());
        services.AddHostedService<OscpDashboardPublisher>();
        return services;
    }
}
