using CentralSystem.SmartCharging.Allocation;

namespace CentralSystem.Server.SmartCharging;

/// <summary>
/// Told of every site recalculation the dispatcher makes (dashboard push, compliance tracking). Called under the
/// dispatcher's lock: implementations must only hand the result on (queue it), never wait.
/// </summary>
public interface ISiteAllocationObserver
{
    void OnAllocated(string siteId, AllocationResult result);
}
