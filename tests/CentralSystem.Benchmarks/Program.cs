if (args.Length > 0 && args[0] == "--cpu-smart")
{
    CentralSystem.Benchmarks.SmartCharging.CpuTimeRunner.Run(args);
    return;
}

BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
