using System.Globalization;
using System.Text.Json;
using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Cli;
using CentralSystem.SmartCharging.SiteFormat;

namespace CentralSystem.Benchmarks.SmartCharging;

/// <summary>
/// Reference outputs for before/after comparisons of a smart-charging change. <c>--allocate ...</c> runs the CLI
/// command (cold path) without building the server; <c>--dump-warm site.json at horizon interval</c> writes the full
/// results of repeated calls on one <see cref="PreparedSite"/> with doubles at full precision, so state kept between
/// calls and differences below the CLI's rounding both show up. <c>--dump-live</c> makes the same calls, each on
/// <see cref="PreparedSite.WithLiveInputs"/> of a copy of the site with new EVSE records (as a dispatcher passes fresh
/// telemetry), so its output must be byte for byte that of <c>--dump-warm</c>.
/// </summary>
public static class ReferenceDump
{
    public static int Allocate(string[] args) => AllocateCommand.Run(args[1..], File.ReadAllText, Console.Out, Console.Error);

    public static int DumpWarm(string[] args, bool live = false)
    {
        var site = SiteJson.Parse(File.ReadAllText(args[1]));
        var at = DateTimeOffset.Parse(args[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        var horizon = DurationParser.TryParse(args[3], out var h) ? h : throw new ArgumentException(args[3]);
        var interval = DurationParser.TryParse(args[4], out var i) ? i : throw new ArgumentException(args[4]);
        var prepared = PreparedSite.Prepare(site);
        PreparedSite Next() => prepared = live ? prepared.WithLiveInputs(site with { Evses = [.. site.Evses.Select(e => e with { })] }) : prepared;
        var options = new JsonSerializerOptions { WriteIndented = false };
        var output = Console.Out;
        output.WriteLine(JsonSerializer.Serialize(Next().Allocate(at), options));
        output.WriteLine(JsonSerializer.Serialize(Next().Schedule(at, horizon, interval), options));
        output.WriteLine(JsonSerializer.Serialize(Next().Schedule(at, horizon, interval), options));
        output.WriteLine(JsonSerializer.Serialize(Next().Allocate(at), options));
        output.WriteLine(JsonSerializer.Serialize(Next().Allocate(at.AddHours(2)), options));
        output.WriteLine(JsonSerializer.Serialize(Next().Schedule(at.AddMinutes(7), horizon, interval), options));
        return 0;
    }
}
