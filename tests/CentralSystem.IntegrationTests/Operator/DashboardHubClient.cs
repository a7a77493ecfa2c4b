using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using CentralSystem.IntegrationTests.Server;

namespace CentralSystem.IntegrationTests.Operator;

/// <summary>
/// A minimal SignalR client (JSON hub protocol over WebSockets) for the dashboard hub, so the tests see exactly what a
/// browser gets without a client package: negotiate, handshake, then every server invocation with the time it arrived.
/// </summary>
internal sealed class DashboardHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    private readonly ClientWebSocket _socket;
    private readonly Channel<HubInvocation> _received = Channel.CreateUnbounded<HubInvocation>();

    // The handshake answer and invocation completions, apart from the server's invocations.
    private readonly Channel<JsonElement> _records = Channel.CreateUnbounded<JsonElement>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private int _nextInvocationId;

    private DashboardHubClient(ClientWebSocket socket)
    {
        _socket = socket;
        _receiveLoop = ReceiveLoopAsync();
    }

    public static async Task<DashboardHubClient> ConnectAsync(RunningServer server, string apiKey)
    {
        using var http = OperatorServer.Client(server, apiKey);
        var negotiate = await http.PostAsync("/hubs/dashboard/negotiate?negotiateVersion=1", null);
        negotiate.EnsureSuccessStatusCode();
        var token = (await negotiate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();

        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Api-Key", apiKey);
        await socket.ConnectAsync(new Uri($"ws://{server.BaseUri.Authority}/hubs/dashboard?id={Uri.EscapeDataString(token!)}"), CancellationToken.None);
        await SendTextAsync(socket, "{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
        var client = new DashboardHubClient(socket);
        var handshake = await client.NextRecordAsync(TimeSpan.FromSeconds(10));
        if (handshake.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"SignalR handshake failed: {error}");
        }

        // The server answers the handshake before OnConnectedAsync has put the connection in the "all" group; an
        // invocation is only dispatched after it, so its completion means the pushes reach us.
        await client.InvokeAsync("UnwatchCharger", "-");
        return client;
    }

    /// <summary>Calls a hub method and waits for its completion.</summary>
    public async Task InvokeAsync(string target, params object[] arguments)
    {
        var invocationId = Interlocked.Increment(ref _nextInvocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendTextAsync(_socket, JsonSerializer.Serialize(new { type = 1, invocationId, target, arguments }) + RecordSeparator);
        while (true)
        {
            var record = await NextRecordAsync(TimeSpan.FromSeconds(10));
            if (record.TryGetProperty("invocationId", out var id) && id.GetString() == invocationId)
            {
                if (record.TryGetProperty("error", out var error))
                {
                    throw new InvalidOperationException($"{target} failed: {error}");
                }

                return;
            }
        }
    }

    /// <summary>The first invocation of <paramref name="target"/> whose first argument satisfies <paramref name="match"/>.</summary>
    public async Task<HubInvocation> WaitForAsync(string target, Func<JsonElement, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var invocation = await _received.Reader.ReadAsync(cancel.Token);
                if (invocation.Target == target && match(invocation.Argument))
                {
                    return invocation;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {target} push matched within {timeout.TotalMilliseconds} ms");
        }
    }

    /// <summary>The first pushed dashboard event (inside an <c>Events</c> batch) that satisfies <paramref name="match"/>.</summary>
    public async Task<(JsonElement Event, DateTimeOffset ReceivedAt)> WaitForEventAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        JsonElement found = default;
        var invocation = await WaitForAsync("Events", batch =>
        {
            foreach (var item in batch.EnumerateArray())
            {
                if (match(item))
                {
                    found = item;
                    return true;
                }
            }

            return false;
        }, timeout);
        return (found, invocation.ReceivedAt);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // The server may already have closed it.
        }

        await _receiveLoop;
        _socket.Dispose();
        _stop.Dispose();
    }

    private static Task SendTextAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task<JsonElement> NextRecordAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await _records.Reader.ReadAsync(cancel.Token);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        var handshakeDone = false;
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var text = pending.ToString();
                var end = text.LastIndexOf(RecordSeparator);
                if (end < 0)
                {
                    continue;
                }

                pending.Clear().Append(text[(end + 1)..]);
                foreach (var record in text[..end].Split(RecordSeparator))
                {
                    var message = JsonDocument.Parse(record).RootElement.Clone();
                    if (!handshakeDone)
                    {
                        handshakeDone = true;
                        _records.Writer.TryWrite(message);
                        continue;
                    }

                    // 1: the server invokes us; 3: one of our invocations completed; pings (6) are not interesting here.
                    var type = message.GetProperty("type").GetInt32();
                    if (type == 3)
                    {
                        _records.Writer.TryWrite(message);
                    }
                    else if (type == 1)
                    {
                        var arguments = message.GetProperty("arguments");
                        _received.Writer.TryWrite(new HubInvocation(message.GetProperty("target").GetString()!,
                            arguments.GetArrayLength() > 0 ? arguments[0] : default, TimeProvider.System.GetUtcNow()));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closed by the test or the server.
        }
    }
}

/// <summary>One server-to-client call: its method name, first argument and when it arrived.</summary>
internal sealed record HubInvocation(string Target, JsonElement Argument, DateTimeOffset ReceivedAt);
