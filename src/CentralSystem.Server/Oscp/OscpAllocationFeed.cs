using CentralSystem.Server.Events;
using CentralSystem.Server.SmartCharging;
using CentralSystem.SmartCharging.Allocation;

namespace CentralSystem.Server.Oscp;

/// <summary>
/// The latest allocation per site, handed from the dispatcher (under its lock) to the compliance monitor. A separate
/// type with no dependencies, because the monitor itself needs the dispatcher and the OSCP provider.
/// </summary>
public sealed class OscpAllocationFeed : ISiteAllocationObserver
{
    private readonly LatestByKey<AllocationResult> _latest = new();

    public void OnAllocated(string siteId, AllocationResult result) => _latest.Set(siteId, result);

    /// <summary>Waits for new results, then returns the latest per site since the previous call.</summary>
    public Task<IReadOnlyList<KeyValuePair<string, AllocationResult>>> NextAsync(CancellationToken cancellationToken) =>
        _latest.TakeAsync(cancellationToken);
}
