using CentralSystem.Domain.Access;
using CentralSystem.Ocpp.Transport;
using CentralSystem.Storage.Repositories.Access;
using Quartz;

namespace CentralSystem.Server.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>Scheduled managed access: decision service, repositories, Quartz (persistent PostgreSQL store), gateway, observers.</summary>
    public static IServiceCollection AddAccessControl(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var section = configuration.GetSection(AccessOptions.SectionName);
        services.AddOptions<AccessOptions>().Bind(section).ValidateOnStart()
            .Validate(o => o.ApplyDelaySeconds is >= 0 and <= 300, "Access:ApplyDelaySeconds must be 0..300")
            .Validate(o => o.V16FreevendKeys.Values.Concat(o.V16FreevendKeyOverrides.Values).All(k => k.ManagedValue.Length <= 500 && k.FreevendValue.Length <= 500),
                "Access:V16FreevendKeys values must be at most 500 characters (1.6 ChangeConfiguration value)");

        services.AddSingleton<PgAccessDecisionStore>();
        services.AddSingleton<IAccessDecisionStore>(sp => sp.GetRequiredService<PgAccessDecisionStore>());
        services.AddSingleton<PgAccessScheduleRepository>();
        services.AddSingleton<PgVehicleRepository>();
        services.AddSingleton<PgAccessStateRepository>();
        services.AddSingleton<AccessControlService>();
        services.AddSingleton<AccessTriggerScheduler>();
        services.AddSingleton<AccessCommandGateway>();
        services.AddSingleton<AccessModeCoordinator>();
        services.AddSingleton<AccessSessionObserver>();
        services.AddSingleton<IChargerSessionObserver>(sp => sp.GetRequiredService<AccessSessionObserver>());
        services.AddHostedService(sp => sp.GetRequiredService<AccessSessionObserver>());
        services.AddHostedService<AccessStartupReconciler>();

        var clustered = section.GetValue<bool>(nameof(AccessOptions.Clustered));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = "CentralSystem");
            q.UsePersistentStore(store =>
            {
                // The tables come from our migration 0003_quartz.sql; Quartz only validates them at startup.
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(o => o.StoreJobDataAsStrings = true);
                if (clustered)
                {
                    store.UseClustering(_ => { });
                }
            });
            q.AddJob<AccessWindowEdgeJob>(job => job.WithIdentity(AccessWindowEdgeJob.Key).StoreDurably());
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
