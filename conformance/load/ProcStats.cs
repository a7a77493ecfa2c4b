using System.Globalization;

namespace CentralSystem.LoadGenerator;

/// <summary>VmRSS, threads and CPU time of a process, read from /proc (Linux).</summary>
internal readonly record struct ProcSample(long RssKiB, int Threads, double CpuSeconds)
{
    public static ProcSample? Read(int? pid)
    {
        if (pid is null)
        {
            return null;
        }

        try
        {
            long rss = 0;
            var threads = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = long.Parse(line.AsSpan(6).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(line.AsSpan(8).Trim(), CultureInfo.InvariantCulture);
                }
            }

            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return new ProcSample(rss, threads, ticks / 100.0); // USER_HZ is 100 on Linux
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>CPU seconds of a process and all its direct children (a PostgreSQL postmaster and its backends).</summary>
    public static double? TreeCpuSeconds(int? rootPid)
    {
        if (rootPid is null)
        {
            return null;
        }

        double total = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ppid = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (pid == rootPid || ppid == rootPid)
                {
                    total += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended meanwhile.
            }
        }

        return total;
    }

    /// <summary>Busy and total jiffies of the whole machine (first line of /proc/stat).</summary>
    public static (double Busy, double Total) MachineCpu()
    {
        var first = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double total = 0;
        double idle = 0;
        for (var i = 1; i < first.Length; i++)
        {
            var v = double.Parse(first[i], CultureInfo.InvariantCulture);
            total += v;
            if (i is 4 or 5)
            {
                idle += v;
            }
        }

        return (total - idle, total);
    }
}
