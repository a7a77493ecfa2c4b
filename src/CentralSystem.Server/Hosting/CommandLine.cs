using CentralSystem.SmartCharging.Cli;

namespace CentralSystem.Server.Hosting;

/// <summary>Verbs the executable runs instead of the server (`CentralSystem.Server allocate --site site.json`).</summary>
public static class CommandLine
{
    public static int RunAllocate(string[] args) =>
        AllocateCommand.Run(args, File.ReadAllText, Console.Out, Console.Error, TimeProvider.System.GetUtcNow());
}
