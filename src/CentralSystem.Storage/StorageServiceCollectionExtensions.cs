using CentralSystem.Domain.Authorization;
using CentralSystem.Domain.Chargers;
using CentralSystem.Domain.Events;
using CentralSystem.Domain.Sessions;
using CentralSystem.Domain.Status;
using CentralSystem.Storage.Repositories;
using CentralSystem.Storage.Writes;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CentralSystem.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddCentralSystemStorage(this IServiceCollection services, string connectionString, IConfiguration configuration)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);

        // Prepared statements for the hot write/read statements (Npgsql auto-prepare).
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }

        // Our statements leave no session state behind (no SET, advisory locks, temp tables or LISTEN on pooled
        // connections; the migration runner's lock uses an unpooled one), so skip the four reset statements Npgsql
        // otherwise runs each time a connection goes back to the pool: on the 2.0.1 write benchmark that was
        // ~11,500 resets in 10 s, one per read.
        builder.NoResetOnClose = true;
        services.AddSingleton(_ => NpgsqlDataSource.Create(builder.ConnectionString));
        services.AddOptions<GroupCommitOptions>().Bind(configuration.GetSection(GroupCommitOptions.SectionName));
        services.AddSingleton<GroupCommitWriter>();
        services.AddSingleton<PgFrameStore>();
        services.AddSingleton<PgChargerRepository>();
        services.AddSingleton<IChargerRepository>(sp => sp.GetRequiredService<PgChargerRepository>());
        services.AddSingleton<IIdTokenRepository, PgIdTokenRepository>();
        services.AddSingleton<ISessionRepository, PgSessionRepository>();
        services.AddSingleton<IConnectorStatusRepository, PgConnectorStatusRepository>();
        services.AddSingleton<IChargerEventRepository, PgChargerEventRepository>();
        return services;
    }
}
