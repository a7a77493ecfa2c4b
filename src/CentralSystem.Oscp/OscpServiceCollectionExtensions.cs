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
        var publicBaseUrl = section["PublicBaseUrl"] ?? $"{ListenBase(configuration["urls"])}{basePath}";
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

    // Without Oscp:PublicBaseUrl, peers are told the first address we listen on (wildcards as loopback): right for a
    // local setup; behind a proxy or in a container set PublicBaseUrl.
    private static string ListenBase(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null || first.EndsWith(":0", StringComparison.Ordinal))
        {
            return "http://127.0.0.1:8180";
        }

        foreach (var wildcard in new[] { "://+:", "://*:", "://0.0.0.0:", "://[::]:" })
        {
            first = first.Replace(wildcard, "://127.0.0.1:", StringComparison.Ordinal);
        }

        return first.TrimEnd('/');
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
