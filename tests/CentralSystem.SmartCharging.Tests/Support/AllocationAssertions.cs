using CentralSystem.SmartCharging.Allocation;

namespace CentralSystem.SmartCharging.Tests.Support;

internal static class AllocationAssertions
{
    public const double Tolerance = 1e-6;

    public static EvseAllocation Evse(this AllocationResult result, string id) =>
        result.Find(id) ?? throw new AssertionException($"no allocation for EVSE '{id}'");

    public static double Amps(this AllocationResult result, string id) =>
        result.Evse(id).CurrentA ?? throw new AssertionException($"EVSE '{id}' has no current (DC?)");

    public static LineageEntry Binding(this AllocationResult result, string id) => result.Evse(id).Lineage[0];
}
