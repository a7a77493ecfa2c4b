using BenchmarkDotNet.Attributes;
using CentralSystem.Benchmarks.SmartCharging;
using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Benchmarks;

// Targets (specs/smart-charging.md): 10,000 EVSEs under a 6-level tree, "now" < 5 ms and a 96-interval day
// schedule < 100 ms on one core. Both calls include validation and compilation of the site, as the CLI does.
[MemoryDiagnoser]
public class SmartChargingBenchmarks
{
    private SiteModel _site = null!;

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
    }

    [Benchmark(Description = "now allocation")]
    public AllocationResult Now() => SmartChargingCalculator.Allocate(_site, BenchmarkSite.At);

    [Benchmark(Description = "96 x 15 min schedule")]
    public object Schedule() => SmartChargingCalculator.Schedule(_site, BenchmarkSite.At, TimeSpan.FromHours(24), TimeSpan.FromMinutes(15));
}
