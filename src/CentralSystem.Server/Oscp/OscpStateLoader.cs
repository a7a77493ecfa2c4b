using CentralSystem.Oscp;

namespace CentralSystem.Server.Oscp;

/// <summary>Restores OSCP state before the server answers anyone, so a restart neither forgets a peer nor re-applies a duplicate.</summary>
public sealed class OscpStateLoader(OscpFlexibilityProvider provider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => provider.LoadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
