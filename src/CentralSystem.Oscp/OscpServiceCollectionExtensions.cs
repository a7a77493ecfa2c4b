using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Registration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CentralSystem.Oscp;

public static class OscpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the OSCP Flexibility Provider for <c>app.MapOscp()</c>. The host adds the state store
    /// (<see cref="Persistence.IOscpStateStore"/>; in memory if none), the sender draining <see cref="OscpOutboundQueue"/>
    /// and envelope listeners. From the "Oscp" section: PublicBaseUrl (our FP base URL as peers reach it, sent in the Register reply),
    /// BasePath, HeartbeatIntervalSeconds (what we ask of the capacity provider; 0 = none), OfflineSkewSeconds,
    /// NominalVoltageV, GapPolicy (UseFallback, LastKnown, SiteDefault, Zero) and Replacement (SpanReplace, ReplaceAll).
    /// </summary>
    public static IServiceCollection AddOscp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Oscp");
        var basePath = section["BasePath"] ?? OscpPaths.DefaultFlexibilityProviderBase;
        var publicBaseUrl = section["PublicBaseUrl"] ?? $"http://127.0.0.1:8180{basePath}";
        var interval = section.GetValue<int?>("HeartbeatIntervalSeconds") ?? 60;
        var envelopes = new Envelopes.EnvelopeOptions();
        return services.AddOscp(new OscpEndpointOptions
        {
            OurBaseUrl = new Uri(publicBaseUrl.TrimEnd('/')),
            BasePath = basePath,
            HeartbeatIntervalWeAsk = interval > 0 ? interval : null,
            Envelopes = envelopes with
            {
                OfflineSkew = TimeSpan.FromSeconds(section.GetValue<double?>("OfflineSkewSeconds") ?? envelopes.OfflineSkew.TotalSeconds),
                NominalVoltageV = section.GetValue<double?>("NominalVoltageV") ?? envelopes.NominalVoltageV,
                GapPolicy = section.GetValue<Envelopes.GapPolicy?>("GapPolicy") ?? envelopes.GapPolicy,
                Replacement = section.GetValue<Envelopes.ForecastReplacement?>("Replacement") ?? envelopes.Replacement,
            },
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
        services.AddSingleton(sp => new OscpFlexibilityProvider(
            sp.GetRequiredService<OscpPeerRegistry>(), sp.GetRequiredService<RequestIdLedger>(), sp.GetRequiredService<IOscpOutbox>(),
            options, sp.GetRequiredService<TimeProvider>(), sp.GetService<Persistence.IOscpStateStore>(),
            sp.GetServices<Envelopes.IOscpEnvelopeListener>()));
        return services;
    }
}
