using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using CentralSystem.SmartCharging.Allocation;

namespace CentralSystem.Benchmarks.SmartCharging;

/// <summary>
/// <c>--cpu-smart [calls] [evses] [case name]</c>: the smart-charging benchmark cases timed in CPU time of the calling thread
/// (and of the whole process, which adds GC threads) per call. On a shared, noisy machine wall-clock figures swing
/// with other load; a thread's CPU time does not count time spent waiting for a core.
/// </summary>
public static class CpuTimeRunner
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    public static void Run(string[] args)
    {
        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var evses = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
        var filter = args.Length > 3 ? args[3] : string.Empty;
        var site = BenchmarkSite.Create(evses);
        var prepared = PreparedSite.Prepare(site);
        var live = site with { Evses = [.. site.Evses.Select(e => e with { })] };
        var day = TimeSpan.FromHours(24);
        var quarter = TimeSpan.FromMinutes(15);
        (string Name, Func<object> Call)[] cases =
        [
            ("now, cold", () => SmartChargingCalculator.Allocate(site, BenchmarkSite.At)),
            ("now, warm", () => prepared.Allocate(BenchmarkSite.At)),
            ("now, warm, live inputs", () => prepared.WithLiveInputs(live).Allocate(BenchmarkSite.At)),
            ("96 x 15 min schedule, cold", () => SmartChargingCalculator.Schedule(site, BenchmarkSite.At, day, quarter)),
            ("96 x 15 min schedule, warm", () => prepared.Schedule(BenchmarkSite.At, day, quarter)),
        ];

        Console.WriteLine($"{evses} EVSEs, {calls} calls per case, load: {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var (name, call) in cases)
        {
            if (filter.Length > 0 && name != filter)
            {
                continue;
            }

            Measure(name, call, calls);
        }
    }

    private static void Measure(string name, Func<object> call, int calls)
    {
        // Warm up until tiered compilation has settled on optimized code: at least 20 calls (half the measured ones) and
        // at least a second. A method is recompiled optimized only after 30 calls and a quiet 100 ms, so 20 calls of a
        // 5 ms case (0.1 s) measured part of the run on instrumented code.
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < Math.Max(20, calls / 2) || warmUp.Elapsed < TimeSpan.FromSeconds(1); i++)
        {
            GC.KeepAlive(call());
        }

        var thread = new double[calls];
        var gcBefore = GC.CollectionCount(0);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var processBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            var t0 = ThreadCpuMicroseconds();
            GC.KeepAlive(call());
            thread[i] = ThreadCpuMicroseconds() - t0;
        }

        wall.Stop();
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / calls / 1024.0;
        var process = (Process.GetCurrentProcess().TotalProcessorTime - processBefore).TotalMicroseconds / calls;
        Array.Sort(thread);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name,-28} thread CPU µs/call: median {thread[calls / 2],9:F0}  min {thread[0],9:F0}  mean {thread.Average(),9:F0} | process CPU {process,9:F0} | wall {wall.Elapsed.TotalMicroseconds / calls,9:F0} | gen0 {(GC.CollectionCount(0) - gcBefore) / (double)calls:F2}/call | {allocated:F0} KiB/call"));
    }

    private static double ThreadCpuMicroseconds()
    {
        if (ClockGetTime(ThreadCpuClock, out var ts) != 0)
        {
            throw new InvalidOperationException("clock_gettime failed");
        }

        return (ts.Seconds * 1e6) + (ts.Nanoseconds / 1e3);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code, which this project does not enable.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054
}
