using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CentralSystem.IntegrationTests.Server;

/// <summary>A bare OCPP-J peer over a real ClientWebSocket: sends raw frames, reads raw frames.</summary>
public sealed class TestCharger : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket;
    private int _nextId;

    private TestCharger(ClientWebSocket socket) => _socket = socket;

    public string? SubProtocol => _socket.SubProtocol;

    public WebSocketState State => _socket.State;

    public static async Task<TestCharger> ConnectAsync(Uri uri, string id, string? password, params string[] protocols)
    {
        var socket = CreateSocket(id, password, protocols);
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await socket.ConnectAsync(uri, timeout.Token);
        return new TestCharger(socket);
    }

    /// <returns>The HTTP status of a refused upgrade.</returns>
    public static async Task<int> RefusedStatusAsync(Uri uri, string id, string? password, params string[] protocols)
    {
        using var socket = CreateSocket(id, password, protocols);
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            return (int)socket.HttpStatusCode;
        }

        throw new AssertionException("the upgrade was accepted");
    }

    public Task SendRawAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public async Task<JsonElement> CallAsync(string action, object payload)
    {
        var id = $"t{Interlocked.Increment(ref _nextId)}";
        await SendRawAsync(JsonSerializer.Serialize(new object[] { 2, id, action, payload }));
        var reply = await ReceiveAsync();
        Assert.That(reply[1].GetString(), Is.EqualTo(id));
        return reply;
    }

    public async Task<JsonElement> CallResultAsync(string action, object payload)
    {
        var reply = await CallAsync(action, payload);
        Assert.That(reply[0].GetInt32(), Is.EqualTo(3), $"{action} answered with {reply}");
        return reply[2];
    }

    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(length), cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException($"closed by the server: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
            }
        }
    }

    /// <summary>Waits for the server to close this socket; returns the close status.</summary>
    public async Task<WebSocketCloseStatus?> WaitForCloseAsync()
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return _socket.CloseStatus;
                }
            }
        }
        catch (WebSocketException)
        {
            return _socket.CloseStatus ?? WebSocketCloseStatus.Empty;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                _socket.Abort();
            }
        }

        _socket.Dispose();
    }

    private static ClientWebSocket CreateSocket(string id, string? password, string[] protocols)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        foreach (var protocol in protocols)
        {
            socket.Options.AddSubProtocol(protocol);
        }

        if (password is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{password}")));
        }

        return socket;
    }
}
