using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

// Usage: dotnet run -c Release --project conformance/load/BareServer -- --urls http://127.0.0.1:8190 [--inline]
// --inline gives it the transport settings CentralSystem runs with (socket completions on the epoll threads, Kestrel
// inline scheduling), so that a comparison can also be made at equal transport settings.
var inline = args.Contains("--inline");
if (inline)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

var builder = WebApplication.CreateBuilder(args.Where(a => a != "--inline").ToArray());
builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = inline);
var app = builder.Build();
app.UseWebSockets();
app.Map("/ocpp/{id}", async (HttpContext context) =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        context.Response.StatusCode = 400;
        return;
    }

    var offered = context.WebSockets.WebSocketRequestedProtocols;
    using var socket = await context.WebSockets.AcceptWebSocketAsync(offered.Count > 0 ? offered[0] : null);
    await BareLoop.RunAsync(socket);
});
app.Run();

internal static class BareLoop
{
    public static async Task RunAsync(WebSocket socket)
    {
        try
        {
            while (true)
            {
                // Zero-byte read: no buffer is held while the connection is idle.
                var probe = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (probe.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var buffer = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    var length = 0;
                    var result = probe;
                    while (!result.EndOfMessage)
                    {
                        result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                        length += result.Count;
                    }

                    var reply = Answer(buffer.AsSpan(0, length));
                    await socket.SendAsync(reply, WebSocketMessageType.Text, true, CancellationToken.None);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (WebSocketException)
        {
        }
    }

    private static byte[] Answer(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame);
        reader.Read();
        reader.Read();
        reader.Read();
        var id = reader.GetString();
        reader.Read();
        var action = reader.GetString();
        var now = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var payload = action == "BootNotification"
            ? $$"""{"status":"Accepted","currentTime":"{{now}}","interval":300}"""
            : $$"""{"currentTime":"{{now}}"}""";
        return Encoding.UTF8.GetBytes($"[3,\"{id}\",{payload}]");
    }
}
