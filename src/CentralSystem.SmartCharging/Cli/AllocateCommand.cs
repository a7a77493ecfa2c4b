using System.Globalization;
using System.Text;
using System.Text.Json;
using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.SiteFormat;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Cli;

/// <summary>
/// <c>allocate --site site.json [--at T] [--horizon 24h --interval 15m]</c>: reads a site file, prints the "now"
/// allocation (and the forecast schedule when a horizon is given) with lineage as JSON. All I/O is injected so the
/// host executable (and tests) decide where files and output go.
/// </summary>
public static class AllocateCommand
{
    public const int Ok = 0;
    public const int InvalidSite = 1;
    public const int BadArguments = 2;

    /// <summary>Keeps a what-if run bounded (the planner refuses more).</summary>
    private const int MaxIntervals = 20_000;

    public const string Usage = """
        usage: allocate --site <site.json> [--at <ISO 8601 instant>] [--horizon <duration> [--interval <duration>]]

          --site      site description (format: src/CentralSystem.SmartCharging/SITE-FORMAT.md)
          --at        calculation instant, e.g. 2026-11-21T10:00:00Z (default: the site file's "at")
          --horizon   also print a forecast schedule over this duration, e.g. 24h
          --interval  schedule interval length (default 15m), e.g. 15m, PT15M, 900
        """;

    /// <inheritdoc cref="Run(IReadOnlyList{string}, Func{string, string}, TextWriter, TextWriter, DateTimeOffset?)"/>
    public static int Run(IReadOnlyList<string> args, Func<string, string> readFile, TextWriter stdout, TextWriter stderr) =>
        Run(args, readFile, stdout, stderr, defaultNow: null);

    /// <summary>Runs the command.</summary>
    /// <param name="args">Arguments after "allocate".</param>
    /// <param name="readFile">Reads a file's text by path (may throw IO exceptions).</param>
    /// <param name="stdout">Receives the JSON result.</param>
    /// <param name="stderr">Receives error messages.</param>
    /// <param name="defaultNow">Instant used when neither --at nor the site's "at" is given (the host's clock).</param>
    /// <returns>0 on success, 1 for an unreadable or invalid site, 2 for bad arguments.</returns>
    public static int Run(IReadOnlyList<string> args, Func<string, string> readFile, TextWriter stdout, TextWriter stderr, DateTimeOffset? defaultNow)
    {
        if (!TryParseArguments(args, out var options, out var error))
        {
            stderr.WriteLine($"allocate: {error}");
            stderr.WriteLine(Usage);
            return BadArguments;
        }

        if (options.Help)
        {
            stdout.WriteLine(Usage);
            return Ok;
        }

        string text;
        try
        {
            text = readFile(options.SitePath!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"allocate: cannot read site file '{options.SitePath}': {ex.Message}");
            return InvalidSite;
        }

        SiteModel site;
        try
        {
            site = SiteJson.Parse(text);
        }
        catch (SiteValidationException ex)
        {
            stderr.WriteLine($"allocate: invalid site '{options.SitePath}':");
            foreach (var e in ex.Errors)
            {
                stderr.WriteLine($"  - {e.Message}");
            }

            return InvalidSite;
        }

        if ((options.At ?? site.At ?? defaultNow) is not { } at)
        {
            stderr.WriteLine("allocate: no calculation instant: pass --at <ISO 8601 instant> or set \"at\" in the site file");
            return BadArguments;
        }

        var result = SmartChargingCalculator.Allocate(site, at);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("site", result.SiteId);
            w.WriteString("at", AllocationJsonWriter.Iso(at));
            AllocationJsonWriter.WriteAllocation(w, result);
            if (options.Horizon is { } horizon)
            {
                var schedule = SmartChargingCalculator.Schedule(site, at, horizon, options.Interval ?? TimeSpan.FromMinutes(15));
                AllocationJsonWriter.WriteSchedule(w, schedule);
            }

            w.WriteEndObject();
        }

        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        return Ok;
    }

    private sealed class Arguments
    {
        public string? SitePath { get; set; }

        public DateTimeOffset? At { get; set; }

        public TimeSpan? Horizon { get; set; }

        public TimeSpan? Interval { get; set; }

        public bool Help { get; set; }
    }

    private static bool TryParseArguments(IReadOnlyList<string> args, out Arguments options, out string error)
    {
        options = new Arguments();
        error = string.Empty;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            if (arg is "--help" or "-h")
            {
                options.Help = true;
                return true;
            }

            if (arg is not ("--site" or "--at" or "--horizon" or "--interval"))
            {
                error = $"unknown argument '{args[i]}'";
                return false;
            }

            var value = inline;
            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    error = $"{arg} needs a value";
                    return false;
                }

                value = args[++i];
            }

            switch (arg)
            {
                case "--site":
                    options.SitePath = value;
                    break;
                case "--at":
                    if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
                    {
                        error = $"--at '{value}' is not an ISO 8601 instant (e.g. 2026-11-21T10:00:00Z)";
                        return false;
                    }

                    options.At = at;
                    break;
                case "--horizon":
                case "--interval":
                    if (!DurationParser.TryParse(value, out var duration) || duration <= TimeSpan.Zero)
                    {
                        error = $"{arg} '{value}' is not a positive duration (e.g. 24h, 15m, PT15M)";
                        return false;
                    }

                    if (arg == "--horizon")
                    {
                        options.Horizon = duration;
                    }
                    else
                    {
                        options.Interval = duration;
                    }

                    break;
            }
        }

        if (options.SitePath is null)
        {
            error = "--site is required";
            return false;
        }

        if (options.Interval is not null && options.Horizon is null)
        {
            error = "--interval needs --horizon";
            return false;
        }

        if (options.Interval is { } iv && options.Horizon is { } h && iv > h)
        {
            error = "--interval is longer than --horizon";
            return false;
        }

        if (options.Horizon is { } horizon && horizon.Ticks / (options.Interval ?? TimeSpan.FromMinutes(15)).Ticks > MaxIntervals)
        {
            error = $"--horizon / --interval gives more than {MaxIntervals} intervals";
            return false;
        }

        return true;
    }
}
