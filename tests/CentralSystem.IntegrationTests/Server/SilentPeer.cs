using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace CentralSystem.IntegrationTests.Server;

/// <summary>
/// A charger whose link died without a TCP close: it completes the WebSocket handshake by hand, then never reads or
/// answers anything (a ClientWebSocket would answer pings on its own).
/// </summary>
public sealed class SilentPeer : IDisposable
{
    private readonly TcpClient _tcp = new();

    public async Task<string> ConnectAsync(Uri baseUri, string chargerId, string password)
    {
        await _tcp.ConnectAsync(baseUri.Host, baseUri.Port);
        var stream = _tcp.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{chargerId}:{password}"));
        var request =
            $"GET /ocpp/{chargerId} HTTP/1.1\r\nHost: {baseUri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ocpp1.6\r\n" +
            $"Authorization: Basic {credentials}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        var response = new StringBuilder();
        var buffer = new byte[1];
        while (!response.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer) == 0)
            {
                break;
            }

            response.Append((char)buffer[0]);
        }

        return response.ToString();
    }

    public void Dispose() => _tcp.Dispose();
}
