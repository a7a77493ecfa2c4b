using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace CentralSystem.LoadGenerator;

/// <summary>State every simulated charger shares: options, counters, the latency histogram and run phases.</summary>
internal sealed class RunState(Options options)
{
    private string _nowIso = Iso();

    public Options Options { get; } = options;

    public Histogram Latency { get; } = new();

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationTokenSource Stop { get; } = new();

    public volatile bool Measuring;

    public volatile bool Running;

    public long Connected;
    public long Failed;
    public long Booted;
    public long BootErrors;
    public long Settled;
    public long Disconnects;
    public long OpenNow;
    public long CallErrors;
    public long Timeouts;
    public readonly Dictionary<string, int> FailReasons = [];
    public readonly List<string> ErrorSamples = [];

    public string NowIso => Volatile.Read(ref _nowIso);

    public string IdTag => ("LG" + Options.Prefix) is var t && t.Length > 20 ? t[..20] : t;

    public void RefreshClock() => Volatile.Write(ref _nowIso, Iso());

    public void Fail(string reason)
    {
        Interlocked.Increment(ref Failed);
        lock (FailReasons)
        {
            FailReasons[reason] = FailReasons.GetValueOrDefault(reason) + 1;
        }
    }

    public void SampleError(string text)
    {
        lock (ErrorSamples)
        {
            if (ErrorSamples.Count < 5)
            {
                ErrorSamples.Add(text.Length > 300 ? text[..300] : text);
            }
        }
    }

    private static string Iso() => TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// One charger: connect (Basic auth, one subprotocol), BootNotification, then the configured mix with exactly one
/// CALL in flight. Replies are told apart by their second byte only ("[3" result, "[4" error): no JSON parsing on
/// the hot path.
/// </summary>
internal sealed class ChargerSimulator(string id, string password, RunState run)
{
    private static readonly byte[][] HeartbeatFrames =
        [.. Enumerable.Range(0, 16).Select(i => Encoding.UTF8.GetBytes($"[2,\"h{i}\",\"Heartbeat\",{{}}]"))];

    private readonly byte[] _buffer = new byte[2048];
    private readonly Options _o = run.Options;
    private RawWebSocket? _ws;
    private int _seq;
    private int _step;
    private long _meter = 1000;
    private long _transactionId;
    private int _txn;
    private int _txSeq;
    private bool _expectTransactionId;

    /// <summary>Stopwatch timestamp of the CALL in flight (0: none); read by the timeout sweeper.</summary>
    public long InFlightSince;

    public bool TimedOut;

    public void Abort() => _ws?.Dispose();

    public async Task RunAsync()
    {
        if (_o.Url.Scheme == "https")
        {
            throw new NotSupportedException("the C# generator speaks ws:// only; use loadgen.js for wss://");
        }

        // The server pings (no client keep-alive needed); pongs are sent while a read is pending.
        var uri = new Uri($"ws://{_o.Url.Authority}/ocpp/{Uri.EscapeDataString(id)}");
        var authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{password}"));
        RawWebSocket ws;
        try
        {
            using var connectTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            ws = await RawWebSocket.ConnectAsync(uri, _o.Protocol, authorization, connectTimeout.Token);
            _ws = ws;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or SocketException or IOException)
        {
            run.Fail(ex is RawHandshakeException refused ? refused.StatusCode.ToString(CultureInfo.InvariantCulture) : ex.GetType().Name);
            Interlocked.Increment(ref run.Settled);
            return;
        }

        Interlocked.Increment(ref run.Connected);
        Interlocked.Increment(ref run.OpenNow);
        var settled = false;
        try
        {
            var boot = _o.Is16
                ? "[2,\"boot\",\"BootNotification\",{\"chargePointVendor\":\"LoadGen\",\"chargePointModel\":\"LG-1\",\"chargePointSerialNumber\":\"LG-0001\",\"firmwareVersion\":\"1.0\"}]"
                : "[2,\"boot\",\"BootNotification\",{\"reason\":\"PowerUp\",\"chargingStation\":{\"vendorName\":\"LoadGen\",\"model\":\"LG-1\",\"serialNumber\":\"LG-0001\",\"firmwareVersion\":\"1.0\"}}]";
            await ws.SendTextAsync(Encoding.UTF8.GetBytes(boot), run.Stop.Token);
            var len = await ReceiveReplyAsync(ws, run.Stop.Token);
            if (len < 2 || _buffer[1] != (byte)'3')
            {
                Interlocked.Increment(ref run.BootErrors);
            }

            Interlocked.Increment(ref run.Booted);
            settled = true;
            Interlocked.Increment(ref run.Settled);
            await run.Started.Task;
            if (_o.Mix == Mix.Idle)
            {
                await ReceiveReplyAsync(ws, run.Stop.Token); // parks on a read; pings are answered meanwhile
            }
            else if (_o.OpenLoop)
            {
                await OpenLoopAsync(ws);
            }
            else
            {
                await ClosedLoopAsync(ws);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            if (!run.Stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref run.Disconnects);
            }
        }
        finally
        {
            if (!settled)
            {
                Interlocked.Increment(ref run.Settled);
            }

            Interlocked.Decrement(ref run.OpenNow);
            ws.Dispose();
        }
    }

    private async Task ClosedLoopAsync(RawWebSocket ws)
    {
        var stop = run.Stop.Token;
        while (run.Running)
        {
            var frame = NextFrame();
            var sentAt = Stopwatch.GetTimestamp();
            await CallAsync(ws, frame, sentAt, stop);
        }
    }

    private async Task OpenLoopAsync(RawWebSocket ws)
    {
        var stop = run.Stop.Token;
        var next = Stopwatch.GetTimestamp() + Ticks(Random.Shared.NextDouble() * _o.IntervalMinMs);
        while (run.Running)
        {
            var due = next;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, stop);
            }

            // Latency is counted from the due time, so a late send (previous CALL still in flight) is not hidden.
            await CallAsync(ws, NextFrame(), due, stop);
            next = due + Ticks(_o.IntervalMinMs + (Random.Shared.NextDouble() * (_o.IntervalMaxMs - _o.IntervalMinMs)));
        }
    }

    private async Task CallAsync(RawWebSocket ws, ReadOnlyMemory<byte> frame, long countFrom, CancellationToken stop)
    {
        Volatile.Write(ref InFlightSince, Stopwatch.GetTimestamp());
        TimedOut = false;
        await ws.SendTextAsync(frame, stop);
        var len = await ReceiveReplyAsync(ws, stop);
        Volatile.Write(ref InFlightSince, 0);
        var measuring = run.Measuring;
        if (len >= 2 && _buffer[1] == (byte)'4')
        {
            if (measuring)
            {
                Interlocked.Increment(ref run.CallErrors);
            }

            run.SampleError(Encoding.UTF8.GetString(_buffer, 0, len));
        }
        else if (_expectTransactionId)
        {
            _expectTransactionId = false;
            _transactionId = ParseTransactionId(_buffer.AsSpan(0, len));
        }

        if (measuring)
        {
            run.Latency.Record(Stopwatch.GetElapsedTime(countFrom).TotalMicroseconds);
        }
    }

    /// <summary>Receives the next CALLRESULT/CALLERROR (keeps the first 2 KiB); CALLs from the server get NotSupported.</summary>
    private async ValueTask<int> ReceiveReplyAsync(RawWebSocket ws, CancellationToken stop)
    {
        while (true)
        {
            var length = await ws.ReceiveMessageAsync(_buffer, stop);
            if (length >= 2 && _buffer[1] == (byte)'2')
            {
                await AnswerServerCallAsync(ws, length, stop);
                continue;
            }

            return length;
        }
    }

    private async Task AnswerServerCallAsync(RawWebSocket ws, int length, CancellationToken stop)
    {
        var text = Encoding.UTF8.GetString(_buffer, 0, length);
        var start = text.IndexOf('"', StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf('"', start + 1);
        var messageId = end > start ? text[(start + 1)..end] : "-1";
        var reply = $"[4,\"{messageId}\",\"NotSupported\",\"load generator\",{{}}]";
        await ws.SendTextAsync(Encoding.UTF8.GetBytes(reply), stop);
    }

    private static long ParseTransactionId(ReadOnlySpan<byte> reply)
    {
        var key = "\"transactionId\":"u8;
        var at = reply.IndexOf(key);
        if (at < 0)
        {
            return 0;
        }

        long value = 0;
        for (var i = at + key.Length; i < reply.Length && reply[i] is >= (byte)'0' and <= (byte)'9'; i++)
        {
            value = (value * 10) + (reply[i] - '0');
        }

        return value;
    }

    private static long Ticks(double ms) => (long)(ms * Stopwatch.Frequency / 1000.0);

    private byte[] NextFrame()
    {
        _seq++;
        if (_o.Mix == Mix.Heartbeat)
        {
            return HeartbeatFrames[_seq & 15];
        }

        var now = run.NowIso;
        var mid = "m" + (_seq & 0xffff).ToString(CultureInfo.InvariantCulture);
        string text;
        if (_o.Mix == Mix.Telemetry)
        {
            _meter += 37;
            text = (_seq & 1) == 1
                ? _o.Is16
                    ? $"[2,\"{mid}\",\"StatusNotification\",{{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"{((_seq & 2) == 2 ? "Charging" : "SuspendedEV")}\",\"timestamp\":\"{now}\"}}]"
                    : $"[2,\"{mid}\",\"StatusNotification\",{{\"timestamp\":\"{now}\",\"connectorStatus\":\"{((_seq & 2) == 2 ? "Occupied" : "Available")}\",\"evseId\":1,\"connectorId\":1}}]"
                : _o.Is16
                    ? $"[2,\"{mid}\",\"MeterValues\",{{\"connectorId\":1,\"meterValue\":[{{\"timestamp\":\"{now}\",\"sampledValue\":[{{\"value\":\"{_meter}\",\"measurand\":\"Energy.Active.Import.Register\",\"unit\":\"Wh\"}}]}}]}}]"
                    : $"[2,\"{mid}\",\"MeterValues\",{{\"evseId\":1,\"meterValue\":[{{\"timestamp\":\"{now}\",\"sampledValue\":[{{\"value\":{_meter},\"measurand\":\"Energy.Active.Import.Register\"}}]}}]}}]";
            return Encoding.UTF8.GetBytes(text);
        }

        // writes: Status(Preparing) → Start → MeterValues ×3 → Stop → Status(Available), repeated; every one a DB write.
        var step = _step;
        _step = (_step + 1) % 7;
        _meter += 50;
        if (_o.Is16)
        {
            switch (step)
            {
                case 0:
                    text = $"[2,\"{mid}\",\"StatusNotification\",{{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Preparing\",\"timestamp\":\"{now}\"}}]";
                    break;
                case 1:
                    _expectTransactionId = true;
                    text = $"[2,\"{mid}\",\"StartTransaction\",{{\"connectorId\":1,\"idTag\":\"{run.IdTag}\",\"meterStart\":{_meter},\"timestamp\":\"{now}\"}}]";
                    break;
                case 2 or 3 or 4:
                    text = $"[2,\"{mid}\",\"MeterValues\",{{\"connectorId\":1,\"transactionId\":{_transactionId},\"meterValue\":[{{\"timestamp\":\"{now}\",\"sampledValue\":[{{\"value\":\"{_meter}\",\"measurand\":\"Energy.Active.Import.Register\",\"unit\":\"Wh\"}}]}}]}}]";
                    break;
                case 5:
                    text = $"[2,\"{mid}\",\"StopTransaction\",{{\"transactionId\":{_transactionId},\"meterStop\":{_meter},\"timestamp\":\"{now}\",\"reason\":\"EVDisconnected\"}}]";
                    break;
                default:
                    text = $"[2,\"{mid}\",\"StatusNotification\",{{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Available\",\"timestamp\":\"{now}\"}}]";
                    break;
            }
        }
        else
        {
            var tx = $"{id}-{_txn}";
            switch (step)
            {
                case 0:
                    text = $"[2,\"{mid}\",\"StatusNotification\",{{\"timestamp\":\"{now}\",\"connectorStatus\":\"Occupied\",\"evseId\":1,\"connectorId\":1}}]";
                    break;
                case 1:
                    _txn++;
                    _txSeq = 0;
                    tx = $"{id}-{_txn}";
                    text = $"[2,\"{mid}\",\"TransactionEvent\",{{\"eventType\":\"Started\",\"timestamp\":\"{now}\",\"triggerReason\":\"CablePluggedIn\",\"seqNo\":0,\"transactionInfo\":{{\"transactionId\":\"{tx}\"}},\"evse\":{{\"id\":1,\"connectorId\":1}},\"meterValue\":[{{\"timestamp\":\"{now}\",\"sampledValue\":[{{\"value\":{_meter},\"context\":\"Transaction.Begin\"}}]}}]}}]";
                    break;
                case 2 or 3 or 4:
                    _txSeq++;
                    text = $"[2,\"{mid}\",\"TransactionEvent\",{{\"eventType\":\"Updated\",\"timestamp\":\"{now}\",\"triggerReason\":\"MeterValuePeriodic\",\"seqNo\":{_txSeq},\"transactionInfo\":{{\"transactionId\":\"{tx}\"}},\"meterValue\":[{{\"timestamp\":\"{now}\",\"sampledValue\":[{{\"value\":{_meter}}}]}}]}}]";
                    break;
                case 5:
                    _txSeq++;
                    text = $"[2,\"{mid}\",\"TransactionEvent\",{{\"eventType\":\"Ended\",\"timestamp\":\"{now}\",\"triggerReason\":\"EVDeparted\",\"seqNo\":{_txSeq},\"transactionInfo\":{{\"transactionId\":\"{tx}\",\"stoppedReason\":\"EVDisconnected\"}},\"meterValue\":[{{\"timestamp\":\"{now}\",\"sampledValue\":[{{\"value\":{_meter},\"context\":\"Transaction.End\"}}]}}]}}]";
                    break;
                default:
                    text = $"[2,\"{mid}\",\"StatusNotification\",{{\"timestamp\":\"{now}\",\"connectorStatus\":\"Available\",\"evseId\":1,\"connectorId\":1}}]";
                    break;
            }
        }

        return Encoding.UTF8.GetBytes(text);
    }
}
