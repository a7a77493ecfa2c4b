using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace CentralSystem.IntegrationTests.SmartCharging;

/// <summary>
/// An OCPP peer with a receive loop: answers the server's CALLs at once (SetChargingProfile with a configurable
/// status, anything else Accepted), records every SetChargingProfile it receives, and correlates its own CALLs.
/// </summary>
public sealed class SimCharger : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<JsonElement> _profiles = Channel.CreateUnbounded<JsonElement>();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _nextId;

    private SimCharger(ClientWebSocket socket, string id)
    {
        _socket = socket;
        Id = id;
        _loop = Task.Run(ReceiveLoopAsync);
    }

    public string Id { get; }

    public bool Is201 => _socket.SubProtocol == "ocpp2.0.1";

    /// <summary>What to answer SetChargingProfile with ("Accepted", "Rejected").</summary>
    public string ProfileAnswer { get; set; } = "Accepted";

    public ConcurrentQueue<JsonElement> AllProfiles { get; } = new();

    /// <summary>What it says when asked for its charging-rate unit (1.6 "Current"/"Power", 2.0.1 "A"/"W"); null answers "both".</summary>
    public string? RateUnit { get; set; }

    public static async Task<SimCharger> ConnectAsync(Uri uri, string id, string password, string protocol)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(protocol);
        socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{password}")));
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(uri, timeout.Token);
        return new SimCharger(socket, id);
    }

    public async Task<JsonElement> CallAsync(string action, object payload)
    {
        var id = $"s{Interlocked.Increment(ref _nextId)}";
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        await SendAsync(JsonSerializer.Serialize(new object[] { 2, id, action, payload }));
        var reply = await tcs.Task.WaitAsync(Timeout);
        Assert.That(reply[0].GetInt32(), Is.EqualTo(3), $"{action} answered with {reply}");
        return reply[2];
    }

    public Task BootAsync() => Is201
        ? CallAsync("BootNotification", new { reason = "PowerUp", chargingStation = new { model = "Sim", vendorName = "Test" } })
        : CallAsync("BootNotification", new { chargePointVendor = "Test", chargePointModel = "Sim" });

    /// <summary>Starts a transaction on the EVSE/connector; returns the transaction id.</summary>
    public async Task<string> StartAsync(int evse, string txId)
    {
        if (Is201)
        {
            await CallAsync("TransactionEvent", new
            {
                eventType = "Started", timestamp = "2026-11-21T08:00:00Z", triggerReason = "Authorized", seqNo = 0,
                transactionInfo = new { transactionId = txId }, evse = new { id = evse, connectorId = 1 },
                idToken = new { idToken = "SC-TAG", type = "ISO14443" },
            });
            return txId;
        }

        var result = await CallAsync("StartTransaction", new { connectorId = evse, idTag = "SC-TAG", meterStart = 0, timestamp = "2026-11-21T08:00:00Z" });
        return result.GetProperty("transactionId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits for the next SetChargingProfile matching <paramref name="predicate"/>, skipping others.</summary>
    public async Task<JsonElement> NextProfileAsync(Func<JsonElement, bool> predicate, TimeSpan? within = null)
    {
        using var cts = new CancellationTokenSource(within ?? Timeout);
        while (true)
        {
            var payload = await _profiles.Reader.ReadAsync(cts.Token);
            if (predicate(payload))
            {
                return payload;
            }
        }
    }

    /// <summary>The profile object, whichever version (1.6 csChargingProfiles / 2.0.1 chargingProfile).</summary>
    public static JsonElement Profile(JsonElement payload) =>
        payload.TryGetProperty("csChargingProfiles", out var p) ? p : payload.GetProperty("chargingProfile");

    public static string Purpose(JsonElement payload) => Profile(payload).GetProperty("chargingProfilePurpose").GetString()!;

    public static double Limit(JsonElement payload)
    {
        var schedule = Profile(payload).GetProperty("chargingSchedule");
        if (schedule.ValueKind == JsonValueKind.Array)
        {
            schedule = schedule[0];
        }

        return schedule.GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDouble();
    }

    private async Task SendAsync(string text)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), _stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    length += result.Count;
                }
                while (!result.EndOfMessage);

                var frame = JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
                var type = frame[0].GetInt32();
                var messageId = frame[1].GetString()!;
                if (type == 2)
                {
                    var action = frame[2].GetString();
                    var answer = "Accepted";
                    if (action == "SetChargingProfile")
                    {
                        AllProfiles.Enqueue(frame[3]);
                        _profiles.Writer.TryWrite(frame[3]);
                        answer = ProfileAnswer;
                    }

                    object reply = action switch
                    {
                        "GetConfiguration" => new
                        {
                            configurationKey = new[] { new { key = "ChargingScheduleAllowedChargingRateUnit", @readonly = true, value = RateUnit ?? "Current,Power" } },
                        },
                        "GetVariables" => new
                        {
                            getVariableResult = new[]
                            {
                                new { attributeStatus = "Accepted", attributeValue = RateUnit ?? "A,W", component = new { name = "SmartChargingCtrlr" }, variable = new { name = "RateUnit" } },
                            },
                        },
                        _ => new { status = answer },
                    };
                    await SendAsync(JsonSerializer.Serialize(new object[] { 3, messageId, reply }));
                }
                else if (_pending.TryRemove(messageId, out var tcs))
                {
                    tcs.TrySetResult(frame);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
        }

        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }
}
