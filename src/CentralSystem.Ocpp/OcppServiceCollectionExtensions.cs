using CentralSystem.Ocpp.Pipeline;
using CentralSystem.Ocpp.Schemas;
using CentralSystem.Ocpp.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CentralSystem.Ocpp;

public static class OcppServiceCollectionExtensions
{
    /// <summary>Transport, pipeline (schemas compiled once here), and every 1.6 / 2.0.1 handler.</summary>
    public static IServiceCollection AddCentralSystemOcpp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OcppOptions>().Bind(configuration.GetSection(OcppOptions.SectionName)).ValidateOnStart()
            .Validate(o => o.PingIntervalSeconds is > 0 and <= 60 && o.PingTimeoutSeconds is > 0 and <= 60, "Ocpp:PingIntervalSeconds and PingTimeoutSeconds must be 1..60")
            .Validate(o => o.CallTimeoutSeconds > 0 && o.HeartbeatIntervalSeconds > 0 && o.MaxMessageBytes >= 4096, "Ocpp timeouts and sizes must be positive");
        services.AddSingleton(_ => OcppSchemaRegistry.LoadOfficial());
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton(sp => new OcppMessagePipeline(
            sp.GetServices<IOcppCallHandler>().Concat(NotificationRecorder.For(sp.GetRequiredService<Domain.Events.IChargerEventRepository>())),
            sp.GetRequiredService<OcppSchemaRegistry>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OcppMessagePipeline>>()));
        services.AddSingleton<OcppConnectionAcceptor>();
        services.AddSingleton<OcppCommandClient>();
        services.AddSingleton<ChargerBootService>();
        services.AddHostedService<ConnectionSweeper>();

        services.AddSingleton<IOcppCallHandler, V16.Core.BootNotificationHandler>();
        services.AddSingleton<IOcppCallHandler, V16.Core.HeartbeatHandler>();
        services.AddSingleton<IOcppCallHandler, V16.Core.AuthorizeHandler>();
        services.AddSingleton<IOcppCallHandler, V16.Core.StartTransactionHandler>();
        services.AddSingleton<IOcppCallHandler, V16.Core.StopTransactionHandler>();
        services.AddSingleton<IOcppCallHandler, V16.Core.MeterValuesHandler>();
        services.AddSingleton<IOcppCallHandler, V16.Core.StatusNotificationHandler>();
        services.AddSingleton<IOcppCallHandler, V16.Core.DataTransferHandler>();
        services.AddSingleton<IOcppCallHandler, V201.Provisioning.BootNotificationHandler>();
        services.AddSingleton<IOcppCallHandler, V201.Provisioning.HeartbeatHandler>();
        services.AddSingleton<IOcppCallHandler, V201.Authorization.AuthorizeHandler>();
        services.AddSingleton<IOcppCallHandler, V201.Availability.StatusNotificationHandler>();
        services.AddSingleton<IOcppCallHandler, V201.MeterValues.MeterValuesHandler>();
        services.AddSingleton<IOcppCallHandler, V201.Transactions.TransactionEventHandler>();
        services.AddSingleton<IOcppCallHandler, V201.DataTransfer.DataTransferHandler>();
        return services;
    }
}
