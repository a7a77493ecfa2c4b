using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CentralSystem.LoadGenerator;

// Socket completions run on the epoll threads rather than hopping to the thread pool, and on one such thread rather
// than one per core: the generator shares the two cores with the server, and every context switch it causes is taken
// from the server. Heartbeat generator CPU per round trip: ~23 µs with thread-pool completions, ~19 µs inline on two
// threads, ~15 µs inline on one (which still leaves it below one core at 50,000/s). Read once by the runtime when its
// socket engine starts, so set before any socket; an explicit setting in the environment wins.
SetUnlessConfigured("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
SetUnlessConfigured("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT", "1");

static void SetUnlessConfigured(string variable, string value)
{
    if (Environment.GetEnvironmentVariable(variable) is null)
    {
        Environment.SetEnvironmentVariable(variable, value);
    }
}

Options o;
try
{
    o = Options.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"loadgen: {ex.Message}");
    return 2;
}

if (o.Help)
{
    Console.WriteLine(Options.Usage);
    return 0;
}

var run = new RunState(o);
var ids = Enumerable.Range(0, o.Chargers).Select(i => $"{o.Prefix}-{i}").ToArray();
Console.WriteLine($"loadgen (C#): {o.Chargers} chargers ({o.Protocol}), mix={o.Mix.ToString().ToLowerInvariant()}, mode={(o.OpenLoop ? "open" : "closed")}"
    + (o.OpenLoop ? $" interval={o.IntervalMinMs}-{o.IntervalMaxMs} ms" : string.Empty)
    + $", duration={o.DurationSeconds}s, warmup={o.WarmupSeconds}s, ramp={o.Ramp}/s -> {o.Url}");

if (o.Register)
{
    await Registration.RegisterAsync(o, ids, run.IdTag);
}

using var clock = new Timer(_ => run.RefreshClock(), null, 10, 10);
var before = ProcSample.Read(o.ServerPid);
var sims = ids.Select(id => new ChargerSimulator(id, Registration.PasswordFor(id), run)).ToArray();
var tasks = new Task[sims.Length];
var connectWatch = Stopwatch.StartNew();
for (var i = 0; i < sims.Length; i++)
{
    var due = TimeSpan.FromSeconds(i / o.Ramp);
    var wait = due - connectWatch.Elapsed;
    if (wait > TimeSpan.FromMilliseconds(1))
    {
        await Task.Delay(wait);
    }

    tasks[i] = sims[i].RunAsync();
}

var settleDeadline = Stopwatch.StartNew();
while (Interlocked.Read(ref run.Settled) < sims.Length && settleDeadline.Elapsed < TimeSpan.FromSeconds(120))
{
    await Task.Delay(50);
}

var connectSeconds = connectWatch.Elapsed.TotalSeconds;
var failReasons = string.Join(", ", run.FailReasons.Select(kv => $"{kv.Key}: {kv.Value}"));
Console.WriteLine($"connections: {run.Connected} established, {run.Failed} failed{(run.Failed > 0 ? $" ({failReasons})" : string.Empty)}, "
    + $"{run.Booted} booted ({run.BootErrors} boot errors) in {connectSeconds:F1} s ({run.Connected / connectSeconds:F0}/s)");

await Task.Delay(2000); // let the server settle after the ramp
var connected = ProcSample.Read(o.ServerPid);

// Timeouts: a CALL in flight longer than --call-timeout-ms is counted once.
var timeoutTicks = (long)(o.CallTimeoutMs * Stopwatch.Frequency / 1000);
using var sweeper = new Timer(_ =>
{
    var now = Stopwatch.GetTimestamp();
    foreach (var sim in sims)
    {
        var since = Volatile.Read(ref sim.InFlightSince);
        if (since != 0 && !sim.TimedOut && now - since > timeoutTicks)
        {
            sim.TimedOut = true;
            if (run.Measuring)
            {
                Interlocked.Increment(ref run.Timeouts);
            }
        }
    }
}, null, 1000, 1000);

var rss = new List<long>();
using var sampler = new Timer(_ =>
{
    if (ProcSample.Read(o.ServerPid) is { } s)
    {
        lock (rss)
        {
            rss.Add(s.RssKiB);
        }
    }
}, null, 0, 1000);

run.Running = true;
run.Started.SetResult();
if (o.WarmupSeconds > 0)
{
    await Task.Delay(TimeSpan.FromSeconds(o.WarmupSeconds));
}

Interlocked.Exchange(ref run.CallErrors, 0);
Interlocked.Exchange(ref run.Disconnects, 0);
var self = Process.GetCurrentProcess();
var genCpu0 = self.TotalProcessorTime;
var machine0 = ProcSample.MachineCpu();
var server0 = ProcSample.Read(o.ServerPid);
var pg0 = ProcSample.TreeCpuSeconds(o.PostgresPid);
var window = Stopwatch.StartNew();
run.Measuring = true;
await Task.Delay(TimeSpan.FromSeconds(o.DurationSeconds));
run.Measuring = false;
var elapsed = window.Elapsed.TotalSeconds;
self.Refresh();
var genCpu = (self.TotalProcessorTime - genCpu0).TotalSeconds / elapsed;
var machine1 = ProcSample.MachineCpu();
var server1 = ProcSample.Read(o.ServerPid);
var pg1 = ProcSample.TreeCpuSeconds(o.PostgresPid);
run.Running = false;
var stillOpen = Interlocked.Read(ref run.OpenNow);

var h = run.Latency;
var calls = h.Count;
var machineCores = (machine1.Busy - machine0.Busy) / (machine1.Total - machine0.Total) * Environment.ProcessorCount;
double? serverCores = server0 is { } s0 && server1 is { } s1 ? (s1.CpuSeconds - s0.CpuSeconds) / elapsed : null;
double? postgresCores = pg0 is { } p0 && pg1 is { } p1 ? (p1 - p0) / elapsed : null;
Console.WriteLine($"run: {calls:N0} calls in {elapsed:F1} s = {calls / elapsed:N0} msgs/s; latency ms p50 {h.PercentileMs(50):F2} "
    + $"p95 {h.PercentileMs(95):F2} p99 {h.PercentileMs(99):F2} max {h.MaxMs:F2} (mean {h.MeanMs:F2})");
Console.WriteLine($"errors: {run.CallErrors} CALLERRORs, {run.Timeouts} timeouts, {run.Disconnects} disconnects during the run, {stillOpen} connections open at the end");
if (run.ErrorSamples.Count > 0)
{
    Console.WriteLine($"  e.g. {run.ErrorSamples[0]}");
}

Console.WriteLine($"CPU cores used: generator {genCpu:F2}, server {Show(serverCores)}, its PostgreSQL {Show(postgresCores)}, "
    + $"whole machine {machineCores:F2} of {Environment.ProcessorCount} (everything else {machineCores - genCpu - (serverCores ?? 0) - (postgresCores ?? 0):F2}); "
    + $"load average {File.ReadAllText("/proc/loadavg").Trim()}");
double? kibPerConnection = null;
if (before is { } b && connected is { } c && server1 is { } e)
{
    long minRss;
    long maxRss;
    lock (rss)
    {
        minRss = rss.Count > 0 ? rss.Min() : 0;
        maxRss = rss.Count > 0 ? rss.Max() : 0;
    }

    kibPerConnection = run.Connected > 0 ? (c.RssKiB - b.RssKiB) / (double)run.Connected : null;
    Console.WriteLine($"server RSS KiB: before {b.RssKiB:N0}, connected {c.RssKiB:N0}, end {e.RssKiB:N0} (run min {minRss:N0} max {maxRss:N0}); "
        + $"{kibPerConnection:F1} KiB/connection; {e.Threads} threads");
}

if (o.Json)
{
    var result = new Dictionary<string, object?>
    {
        ["label"] = o.Label ?? $"{o.Mix}-{(o.OpenLoop ? "open" : "closed")}-{o.Chargers}".ToLowerInvariant(),
        ["generator"] = "csharp",
        ["chargers"] = o.Chargers,
        ["protocol"] = o.Protocol,
        ["mix"] = o.Mix.ToString().ToLowerInvariant(),
        ["mode"] = o.OpenLoop ? "open" : "closed",
        ["intervalMs"] = o.OpenLoop ? new[] { o.IntervalMinMs, o.IntervalMaxMs } : null,
        ["established"] = run.Connected,
        ["failed"] = run.Failed,
        ["connectSeconds"] = connectSeconds,
        ["seconds"] = elapsed,
        ["calls"] = calls,
        ["msgsPerSec"] = calls / elapsed,
        ["p50"] = Finite(h.PercentileMs(50)),
        ["p95"] = Finite(h.PercentileMs(95)),
        ["p99"] = Finite(h.PercentileMs(99)),
        ["max"] = h.MaxMs,
        ["callErrors"] = run.CallErrors,
        ["timeouts"] = run.Timeouts,
        ["disconnects"] = run.Disconnects,
        ["openAtEnd"] = stillOpen,
        ["generatorCores"] = genCpu,
        ["serverCores"] = serverCores,
        ["postgresCores"] = postgresCores,
        ["machineCores"] = machineCores,
        ["rssBeforeKiB"] = before?.RssKiB,
        ["rssConnectedKiB"] = connected?.RssKiB,
        ["rssEndKiB"] = server1?.RssKiB,
        ["kibPerConnection"] = kibPerConnection,
    };
    Console.WriteLine("LOADGEN_RESULT " + JsonSerializer.Serialize(result));
}

await run.Stop.CancelAsync();
foreach (var sim in sims)
{
    sim.Abort();
}

await Task.WhenAny(Task.WhenAll(tasks), Task.Delay(5000));
return 0;

static double? Finite(double v) => double.IsFinite(v) ? v : null;

static string Show(double? v) => v is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) : "-";

internal static class Registration
{
    /// <summary>Deterministic per-id password (16–40 chars), the same as loadgen.js, so reruns can reconnect.</summary>
    public static string PasswordFor(string id) =>
        "lg-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("loadgen:" + id)))[..24];

    public static async Task RegisterAsync(Options o, string[] ids, string idTag)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = o.RegisterConcurrency }) { BaseAddress = o.Url };
        http.DefaultRequestHeaders.Add("X-Api-Key", o.ApiKey);
        long created = 0;
        long existed = 0;
        long failed = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = o.RegisterConcurrency }, async (id, ct) =>
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                try
                {
                    using var res = await http.PostAsJsonAsync("/api/chargers", new { id, password = PasswordFor(id), logFrames = false }, ct);
                    switch ((int)res.StatusCode)
                    {
                        case 201: Interlocked.Increment(ref created); break;
                        case 409: Interlocked.Increment(ref existed); break;
                        default: Interlocked.Increment(ref failed); break;
                    }

                    return;
                }
                catch (HttpRequestException) when (attempt < 2)
                {
                    await Task.Delay(200, ct);
                }
            }
        });
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"registered: {created} created, {existed} already there, {failed} failed in {seconds:F1} s ({(created + existed) / seconds:F0}/s)");
        if (o.Mix == Mix.Writes)
        {
            using var res = await http.PostAsJsonAsync("/api/id-tokens", new { idToken = idTag, status = "Accepted" });
        }
    }
}
