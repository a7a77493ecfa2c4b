using Microsoft.Extensions.Logging;

namespace CentralSystem.Storage.Provisioning;

// Event IDs 5150-5199: database bootstrap at startup.
public static partial class DatabaseBootstrapper
{
    [LoggerMessage(5150, LogLevel.Information, "Using the configured PostgreSQL database {Database}")]
    private static partial void LogUsingConfiguredDatabase(ILogger logger, string database);

    [LoggerMessage(5151, LogLevel.Information, "No connection string configured; provisioning a private PostgreSQL cluster under {DataFolder}")]
    private static partial void LogProvisioningLocalCluster(ILogger logger, string dataFolder);

    [LoggerMessage(5152, LogLevel.Warning, "PostgreSQL is not accepting connections yet (attempt {Attempt}: {Reason}); retrying in {DelayMs:0} ms")]
    private static partial void LogServerNotReady(ILogger logger, int attempt, string reason, double delayMs);

    [LoggerMessage(5153, LogLevel.Information, "PostgreSQL accepted a connection after {Attempt} attempts ({ElapsedMs:0} ms)")]
    private static partial void LogServerAvailable(ILogger logger, int attempt, double elapsedMs);
}
