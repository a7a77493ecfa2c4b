using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Registration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CentralSystem.Oscp;

public static class OscpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the OSCP Flexibility Provider services for <c>app.MapOscp()</c>. Peer state is in memory until the
    /// 0005_oscp.sql repository lands; the outbound sender that drains <see cref="OscpOutboundQueue"/> is not wired yet.
    /// </summary>
    /// <summary>
    /// From the "Oscp" section: PublicBaseUrl (our FP base URL as peers reach it, sent in the Register reply),
    /// BasePath, HeartbeatIntervalSeconds (what we ask of the capacity provider; 0 = none).
    /// </summary>
    public static IServiceCollection AddOscp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Oscp");
        var basePath = section["BasePath"] ?? OscpPaths.DefaultFlexibilityProviderBase;
        var publicBaseUrl = section["PublicBaseUrl"] ?? $"http://127.0.0.1:8180{basePath}";
        var interval = section.GetValue<int?>("HeartbeatIntervalSeconds") ?? 60;
        return services.AddOscp(new OscpEndpointOptions
        {
            OurBaseUrl = new Uri(publicBaseUrl.TrimEnd('/')),
            BasePath = basePath,
            HeartbeatIntervalWeAsk = interval > 0 ? interval : null,
        });
    }

    public static IServiceCollection AddOscp(this IServiceCollection services, OscpEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<OscpPeerRegistry>();

        // Digest §7.1 [R]: duplicates are recognised for a day; CPs retry within minutes.
        services.AddSingleton(sp => new RequestIdLedger(sp.GetRequiredService<TimeProvider>(), TimeSpan.FromHours(24)));
        services.AddSingleton<OscpOutboundQueue>();
        services.AddSingleton<IOscpOutbox>(sp => sp.GetRequiredService<OscpOutboundQueue>());
        services.AddSingleton<OscpInboundProcessor>();
        return services;
    }
}
