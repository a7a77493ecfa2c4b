using CentralSystem.SmartCharging.Scheduling;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Entry point of the hierarchical smart-charging calculator. Pure: no I/O, no clock (the instant is a parameter),
/// deterministic for a given input.
/// </summary>
public static class SmartChargingCalculator
{
    /// <summary>
    /// Allocates every EVSE of the site at <paramref name="at"/>: effective limits (node ∩ envelopes, safe capacity on
    /// stale telemetry, minus non-EV load) at every ancestor, explicit minimum-current admission by priority, then
    /// weighted max-min fair sharing; each allocation carries its lineage.
    /// </summary>
    /// <exception cref="SiteValidationException">The site is not a valid tree (each error names its node).</exception>
    public static AllocationResult Allocate(SiteModel site, DateTimeOffset at) => Allocator.Run(CompiledSite.Compile(site), at);

    /// <summary>
    /// Forecast schedule from <paramref name="at"/> over <paramref name="horizon"/> in intervals of
    /// <paramref name="interval"/> (the first interval runs to the next multiple of the interval): limits and envelopes
    /// as they change over time, departures and energy needs, and flexible charging moved to cheaper/cleaner windows
    /// (site tariff, carbon weight) while deadlines are met where the site can physically deliver.
    /// </summary>
    /// <exception cref="SiteValidationException">The site is not a valid tree.</exception>
    public static ScheduleResult Schedule(SiteModel site, DateTimeOffset at, TimeSpan horizon, TimeSpan interval) =>
        SchedulePlanner.Plan(CompiledSite.Compile(site), at, horizon, interval);
}
