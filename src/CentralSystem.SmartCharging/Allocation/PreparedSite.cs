using CentralSystem.SmartCharging.Scheduling;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// A validated, compiled site that a dispatcher keeps between calculations. The topology (tree, limits, EVSE hardware,
/// settings) rarely changes while sessions and telemetry change all the time, so the compiled tree, the import
/// constraint structure and per-EVSE lineage entries are kept and only the live inputs are re-read. Results are exactly
/// those of <see cref="SmartChargingCalculator"/> on the same site.
/// </summary>
/// <remarks>
/// Not safe for concurrent use: one dispatcher loop owns an instance and those derived from it by
/// <see cref="WithLiveInputs"/> (they share the kept state, which each call updates).
/// </remarks>
public sealed class PreparedSite
{
    private readonly CompiledSite _compiled;

    private PreparedSite(CompiledSite compiled)
    {
        _compiled = compiled;
        compiled.EnableReuse();
    }

    /// <summary>The site as last given (to <see cref="Prepare"/> or <see cref="WithLiveInputs"/>).</summary>
    public SiteModel Site => _compiled.Site;

    /// <summary>Validates and compiles <paramref name="site"/>.</summary>
    /// <exception cref="SiteValidationException">The site is not a valid tree (each error names its node).</exception>
    public static PreparedSite Prepare(SiteModel site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new PreparedSite(CompiledSite.Compile(site));
    }

    /// <summary>
    /// The same preparation with new live inputs (sessions, telemetry, phase states, site loads, meters, envelopes,
    /// tariff). <paramref name="live"/> is validated as fully as by <see cref="Prepare"/>: with the prepared site's nodes,
    /// settings and EVSE hardware only its live inputs can be invalid and only they are checked; when those differ it is
    /// simply compiled afresh, so any site is accepted.
    /// </summary>
    /// <exception cref="SiteValidationException">The site is not a valid tree.</exception>
    public PreparedSite WithLiveInputs(SiteModel live)
    {
        ArgumentNullException.ThrowIfNull(live);
        return _compiled.TryRebind(live) is { } rebound ? new PreparedSite(rebound) : new PreparedSite(CompiledSite.Compile(live));
    }

    /// <summary>The "now" allocation at <paramref name="at"/>, as <see cref="SmartChargingCalculator.Allocate"/>.</summary>
    public AllocationResult Allocate(DateTimeOffset at) => Allocator.Run(_compiled, at);

    /// <summary>The forecast schedule, as <see cref="SmartChargingCalculator.Schedule"/>.</summary>
    public ScheduleResult Schedule(DateTimeOffset at, TimeSpan horizon, TimeSpan interval) =>
        SchedulePlanner.Plan(_compiled, at, horizon, interval);
}
