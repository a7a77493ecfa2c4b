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
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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

        // The group-commit writer's own connections. Every statement it runs reaches rows by key, so an index is
        // always the right path; but its statements are prepared once, early, and PostgreSQL keeps a generic plan
        // until the table is next analysed. On a fresh database that plan was made while the sessions table was
        // nearly empty, and the merged meter-value statement then joined sessions by a sequential scan for the
        // first minute(s) of load (4,500 scans, 115 M rows read in a 30 s benchmark; PostgreSQL CPU per write
        // ~100 µs instead of ~37 µs). Discouraging sequential scans on these connections only keeps the key paths.
        var writerConnection = new NpgsqlConnectionStringBuilder(builder.ConnectionString)
        {
            Options = string.Join(' ', new[] { builder.Options, "-c enable_seqscan=off" }.Where(o => !string.IsNullOrWhiteSpace(o))),
            ApplicationName = string.IsNullOrEmpty(builder.ApplicationName) ? "CentralSystem group commit" : builder.ApplicationName,
        };
        services.AddOptions<GroupCommitOptions>().Bind(configuration.GetSection(GroupCommitOptions.SectionName));
        services.AddSingleton(sp => new GroupCommitWriter(
            NpgsqlDataSource.Create(writerConnection.ConnectionString),
            sp.GetRequiredService<IOptions<GroupCommitOptions>>(),
            sp.GetRequiredService<ILogger<GroupCommitWriter>>(),
            ownsDataSource: true));
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
