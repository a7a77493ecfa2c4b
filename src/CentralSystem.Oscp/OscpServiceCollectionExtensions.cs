using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Registration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CentralSystem.Oscp;

public static class OscpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the OSCP Flexibility Provider services for <c>app.MapOscp()</c>. Peer state is in memory until the
    /// 0005_oscp.sql repository lands; the outbound sender that drains <see cref="OscpOutboundQueue"/> is not wired yet.
    /// </summary>
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
