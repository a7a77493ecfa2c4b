using BenchmarkDotNet.Attributes;
using CentralSystem.Benchmarks.SmartCharging;
using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Benchmarks;

// Targets (specs/smart-charging.md): 10,000 EVSEs under a 6-level tree, "now" < 5 ms and a 96-interval day
// schedule < 100 ms on one core. "cold" includes validation and compilation of the site, as the CLI does; "warm" runs
// on a PreparedSite, the path a dispatcher keeps (topology compiled once, re-run as sessions and telemetry change).
// "warm, live inputs" also rebinds new sessions (full validation of the new site, tree reused).
[MemoryDiagnoser]
public class SmartChargingBenchmarks
{
    private SiteModel _site = null!;
    private SiteModel _live = null!;
    private PreparedSite _prepared = null!;

    [Params(1_000, 10_000)]
    public int Evses { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _site = BenchmarkSite.Create(Evses);

        // Fail fast on a site that does not exercise the calculator (everybody excluded or nobody constrained).
        var result = SmartChargingCalculator.Allocate(_site, BenchmarkSite.At);
        var admitted = result.Evses.Count(e => e.Admitted);
        var boundByNodes = result.Evses.Count(e => e.Lineage[0].Kind is LimitKind.NodeLimit or LimitKind.ChargerRating or LimitKind.Envelope);
        if (admitted < Evses / 2 || boundByNodes < Evses / 4)
        {
            throw new InvalidOperationException($"benchmark site is not representative: {admitted} admitted, {boundByNodes} bound by nodes");
        }

        _prepared = PreparedSite.Prepare(_site);
        _ = _prepared.Allocate(BenchmarkSite.At);

        // New EVSE records with the same hardware, as a dispatcher gets them when sessions change.
        _live = _site with { Evses = [.. _site.Evses.Select(e => e with { })] };
    }

    [Benchmark(Description = "now, cold")]
    public AllocationResult Now() => SmartChargingCalculator.Allocate(_site, BenchmarkSite.At);

    [Benchmark(Description = "now, warm")]
    public AllocationResult NowWarm() => _prepared.Allocate(BenchmarkSite.At);

    [Benchmark(Description = "now, warm, live inputs")]
    public AllocationResult NowLive() => _prepared.WithLiveInputs(_live).Allocate(BenchmarkSite.At);

    [Benchmark(Description = "96 x 15 min schedule, cold")]
    public object Schedule() => SmartChargingCalculator.Schedule(_site, BenchmarkSite.At, TimeSpan.FromHours(24), TimeSpan.FromMinutes(15));

    [Benchmark(Description = "96 x 15 min schedule, warm")]
    public object ScheduleWarm() => _prepared.Schedule(BenchmarkSite.At, TimeSpan.FromHours(24), TimeSpan.FromMinutes(15));
}
