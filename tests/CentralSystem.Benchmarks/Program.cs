if (args.Length > 0 && args[0] == "--cpu-smart")
{
    CentralSystem.Benchmarks.SmartCharging.CpuTimeRunner.Run(args);
    return;
}

if (args is ["--allocate", ..])
{
    Environment.ExitCode = CentralSystem.Benchmarks.SmartCharging.ReferenceDump.Allocate(args);
    return;
}

if (args is ["--dump-warm", _, _, _, _])
{
    Environment.ExitCode = CentralSystem.Benchmarks.SmartCharging.ReferenceDump.DumpWarm(args);
    return;
}

if (args is ["--dump-live", _, _, _, _])
{
    Environment.ExitCode = CentralSystem.Benchmarks.SmartCharging.ReferenceDump.DumpWarm(args, live: true);
    return;
}

if (args.Length > 1 && args[0] == "--write-site")
{
    // --write-site <file> [evses]: the benchmark site as a site file, for comparing CLI output before/after a change.
    var evses = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    File.WriteAllText(args[1], CentralSystem.SmartCharging.SiteFormat.SiteJson.Write(CentralSystem.Benchmarks.SmartCharging.BenchmarkSite.Create(evses)));
    return;
}

BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
