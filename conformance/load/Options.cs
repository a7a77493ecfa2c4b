using System.Globalization;

namespace CentralSystem.LoadGenerator;

internal enum Mix
{
    Heartbeat,
    Writes,
    Telemetry,
    Idle,
}

/// <summary>Command line options; the same names as loadgen.js.</summary>
internal sealed class Options
{
    public const string Usage = """
        CentralSystem load generator (C#, ClientWebSocket)
          --url URL                 server base URL (default $CSMS_URL or http://127.0.0.1:8180)
          --api-key KEY             operator API key (default $CSMS_API_KEY or the dev key)
          --chargers N              simulated chargers (default 100)
          --ramp R                  new connections per second (default 1000)
          --mix M                   heartbeat | writes (Status/Start/MeterValues x3/Stop/Status cycle, all DB-writing)
                                    | telemetry (StatusNotification and MeterValues alternating) | idle (boot, then hold)
          --mode closed|open        closed: next CALL as soon as the previous is answered (default);
                                    open: each charger at its own pace (--interval-ms / --rate), one CALL in flight
          --interval-ms A[-B]       open loop: gap between a charger's CALLs, uniformly random in [A, B] ms
          --rate X                  open loop: X CALLs per second per charger (0.1 = one every 10 s)
          --duration S              measured seconds (default 20); --warmup S unmeasured seconds first (default 0)
          --protocol P              ocpp1.6 (default) | ocpp2.0.1
          --prefix P                charger id prefix (default random); --no-register skips API registration
          --register-concurrency C  parallel registration requests (default 32)
          --server-pid PID          sample the server's VmRSS and CPU time from /proc/PID
          --postgres-pid PID        also report the CPU of this PostgreSQL postmaster and its backends
          --call-timeout-ms T       a CALL unanswered this long counts as a timeout (default 30000)
          --json                    print one line "LOADGEN_RESULT {json}" at the end
          --label L                 scenario name for the JSON line
        """;

    public Uri Url { get; private set; } = new(Environment.GetEnvironmentVariable("CSMS_URL") ?? "http://127.0.0.1:8180");

    public string ApiKey { get; private set; } = Environment.GetEnvironmentVariable("CSMS_API_KEY") ?? "dev-only-api-key-change-me";

    public int Chargers { get; private set; } = 100;

    public double Ramp { get; private set; } = 1000;

    public Mix Mix { get; private set; } = Mix.Heartbeat;

    public bool OpenLoop { get; private set; }

    public double IntervalMinMs { get; private set; }

    public double IntervalMaxMs { get; private set; }

    public double DurationSeconds { get; private set; } = 20;

    public double WarmupSeconds { get; private set; }

    public string Protocol { get; private set; } = "ocpp1.6";

    public string Prefix { get; private set; } = "lgc" + Convert.ToString(Environment.TickCount64 % 1_000_000, CultureInfo.InvariantCulture);

    public bool Register { get; private set; } = true;

    public int RegisterConcurrency { get; private set; } = 32;

    public int? ServerPid { get; private set; }

    public int? PostgresPid { get; private set; }

    public double CallTimeoutMs { get; private set; } = 30000;

    public bool Json { get; private set; }

    public string? Label { get; private set; }

    public bool Help { get; private set; }

    public bool Is16 => Protocol == "ocpp1.6";

    public static Options Parse(string[] args)
    {
        var o = new Options();
        string? mode = null;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            double Num() => double.Parse(Next(), CultureInfo.InvariantCulture);
            switch (a)
            {
                case "--url": o.Url = new Uri(Next()); break;
                case "--api-key": o.ApiKey = Next(); break;
                case "--chargers" or "-n": o.Chargers = (int)Num(); break;
                case "--ramp": o.Ramp = Num(); break;
                case "--mix": o.Mix = Enum.Parse<Mix>(Next(), ignoreCase: true); break;
                case "--mode": mode = Next(); break;
                case "--interval-ms":
                    var parts = Next().Split('-');
                    o.IntervalMinMs = double.Parse(parts[0], CultureInfo.InvariantCulture);
                    o.IntervalMaxMs = parts.Length > 1 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : o.IntervalMinMs;
                    break;
                case "--rate":
                    o.IntervalMinMs = o.IntervalMaxMs = 1000.0 / Num();
                    break;
                case "--duration" or "-d": o.DurationSeconds = Num(); break;
                case "--warmup": o.WarmupSeconds = Num(); break;
                case "--protocol": o.Protocol = Next(); break;
                case "--prefix": o.Prefix = Next(); break;
                case "--no-register": o.Register = false; break;
                case "--register-concurrency": o.RegisterConcurrency = (int)Num(); break;
                case "--server-pid": o.ServerPid = (int)Num(); break;
                case "--postgres-pid": o.PostgresPid = (int)Num(); break;
                case "--call-timeout-ms": o.CallTimeoutMs = Num(); break;
                case "--json": o.Json = true; break;
                case "--label": o.Label = Next(); break;
                case "--workers" or "-w" or "--transport": Next(); break; // loadgen.js options; meaningless here
                case "--help" or "-h": o.Help = true; break;
                default: throw new ArgumentException($"unknown option {a} (see --help)");
            }
        }

        if (o.Protocol is not ("ocpp1.6" or "ocpp2.0.1"))
        {
            throw new ArgumentException("--protocol ocpp1.6 | ocpp2.0.1");
        }

        o.OpenLoop = mode is null ? o.IntervalMaxMs > 0 : mode == "open";
        if (o.OpenLoop && o.IntervalMaxMs <= 0)
        {
            throw new ArgumentException("open loop needs --interval-ms MIN-MAX or --rate");
        }

        return o;
    }
}
