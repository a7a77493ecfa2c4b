using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace CentralSystem.LoadGenerator;

/// <summary>
/// The smallest RFC 6455 client the generator needs: one socket, one upgrade request, masked text frames out,
/// unmasked frames in, pings answered. ClientWebSocket sits on SocketsHttpHandler's connection stream and a
/// general-purpose frame state machine; on this 2-core machine the generator shares the cores with the server, so
/// every microsecond it spends per message is taken from the server's throughput. Measured with the Heartbeat
/// scenario: ClientWebSocket ~23 µs of generator CPU per round trip, this client less (see the README's figures).
/// Sends and receives are never concurrent: a simulated charger sends a CALL, then reads until its reply.
/// </summary>
internal sealed class RawWebSocket : IDisposable
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private const int MaxHeader = 14;

    private readonly Socket _socket;
    private readonly byte[] _in = new byte[4096];
    private byte[] _out = new byte[1024];
    private int _start;
    private int _end;
    private uint _maskState;

    private RawWebSocket(Socket socket)
    {
        _socket = socket;
        _maskState = (uint)Random.Shared.Next() | 1;
    }

    /// <summary>Connects and upgrades; throws <see cref="RawHandshakeException"/> (an IOException) carrying the HTTP status on refusal.</summary>
    public static async Task<RawWebSocket> ConnectAsync(Uri url, string subProtocol, string authorization, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new RawWebSocket(socket);
        try
        {
            await socket.ConnectAsync(url.Host, url.Port, cancellationToken);
            await client.HandshakeAsync(url, subProtocol, authorization, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public void Dispose() => _socket.Dispose();

    public ValueTask SendTextAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        SendFrameAsync(0x1, payload.Span, cancellationToken);

    /// <summary>
    /// Reads the next data message into <paramref name="destination"/> (bytes beyond its length are read and dropped)
    /// and returns its full length capped at the destination's. Pings are answered with pongs on the way; a close frame
    /// or end of stream throws <see cref="WebSocketException"/>.
    /// </summary>
    public async ValueTask<int> ReceiveMessageAsync(byte[] destination, CancellationToken cancellationToken)
    {
        var copied = 0;
        while (true)
        {
            int opcode, headerSize;
            bool fin;
            long length;
            while (!TryReadHeader(out opcode, out fin, out length, out headerSize))
            {
                await FillAsync(cancellationToken);
            }

            _start += headerSize;
            if (opcode is 0x8)
            {
                throw new WebSocketException("closed by the server");
            }

            if (opcode is 0x9 or 0xA)
            {
                while (_end - _start < length)
                {
                    await FillAsync(cancellationToken);
                }

                if (opcode == 0x9)
                {
                    var ping = _in.AsMemory(_start, (int)length).ToArray();
                    _start += (int)length;
                    await SendFrameAsync(0xA, ping, cancellationToken);
                }
                else
                {
                    _start += (int)length;
                }

                continue;
            }

            var remaining = length;
            while (remaining > 0)
            {
                if (_start == _end)
                {
                    await FillAsync(cancellationToken);
                }

                var chunk = (int)Math.Min(remaining, _end - _start);
                var keep = Math.Min(chunk, destination.Length - copied);
                if (keep > 0)
                {
                    Buffer.BlockCopy(_in, _start, destination, copied, keep);
                    copied += keep;
                }

                _start += chunk;
                remaining -= chunk;
            }

            if (fin)
            {
                return copied;
            }
        }
    }

    private bool TryReadHeader(out int opcode, out bool fin, out long length, out int headerSize)
    {
        opcode = 0;
        fin = false;
        length = 0;
        headerSize = 0;
        var available = _end - _start;
        if (available < 2)
        {
            return false;
        }

        var b0 = _in[_start];
        var b1 = _in[_start + 1];
        fin = (b0 & 0x80) != 0;
        opcode = b0 & 0x0F;
        length = b1 & 0x7F;
        headerSize = 2;
        if (length == 126)
        {
            headerSize = 4;
            if (available < headerSize)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(_in.AsSpan(_start + 2, 2));
        }
        else if (length == 127)
        {
            headerSize = 10;
            if (available < headerSize)
            {
                return false;
            }

            length = (long)BinaryPrimitives.ReadUInt64BigEndian(_in.AsSpan(_start + 2, 8));
        }

        if ((b1 & 0x80) != 0)
        {
            throw new WebSocketException("the server sent a masked frame (RFC 6455 §5.1)");
        }

        return true;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _in.Length)
        {
            Buffer.BlockCopy(_in, _start, _in, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = await _socket.ReceiveAsync(_in.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (read == 0)
        {
            throw new WebSocketException("the server closed the connection");
        }

        _end += read;
    }

    private ValueTask SendFrameAsync(byte opcode, ReadOnlySpan<byte> payload, CancellationToken cancellationToken)
    {
        var size = MaxHeader + payload.Length;
        if (_out.Length < size)
        {
            _out = new byte[Math.Max(size, _out.Length * 2)];
        }

        var frame = _out.AsSpan();
        frame[0] = (byte)(0x80 | opcode);
        int at;
        if (payload.Length < 126)
        {
            frame[1] = (byte)(0x80 | payload.Length);
            at = 2;
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame[2..], (ushort)payload.Length);
            at = 4;
        }
        else
        {
            frame[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame[2..], (ulong)payload.Length);
            at = 10;
        }

        // A fresh mask per frame (RFC 6455 §5.3); xorshift is enough: the mask protects proxies, not secrets.
        _maskState ^= _maskState << 13;
        _maskState ^= _maskState >> 17;
        _maskState ^= _maskState << 5;
        Span<byte> mask = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(mask, _maskState);
        mask.CopyTo(frame[at..]);
        at += 4;
        for (var i = 0; i < payload.Length; i++)
        {
            frame[at + i] = (byte)(payload[i] ^ mask[i & 3]);
        }

        return SendAllAsync(at + payload.Length, cancellationToken);
    }

    private async ValueTask SendAllAsync(int count, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (sent < count)
        {
            sent += await _socket.SendAsync(_out.AsMemory(sent, count - sent), SocketFlags.None, cancellationToken);
        }
    }

    private async Task HandshakeAsync(Uri url, string subProtocol, string authorization, CancellationToken cancellationToken)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: {subProtocol}\r\nAuthorization: {authorization}\r\n\r\n";
        var bytes = Encoding.ASCII.GetBytes(request);
        if (_out.Length < bytes.Length)
        {
            _out = new byte[bytes.Length];
        }

        bytes.CopyTo(_out, 0);
        await SendAllAsync(bytes.Length, cancellationToken);

        int headerEnd;
        while ((headerEnd = _in.AsSpan(0, _end).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end == _in.Length)
            {
                throw new WebSocketException("upgrade response headers too large");
            }

            await FillAsync(cancellationToken);
        }

        var head = Encoding.ASCII.GetString(_in, 0, headerEnd);
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ');
        var code = status.Length > 1 && int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        if (code != 101)
        {
            throw new RawHandshakeException(code);
        }

#pragma warning disable CA5350 // RFC 6455 §4.2.2 defines the accept value with SHA-1; it is a handshake check, not security
        var expectedAccept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
#pragma warning restore CA5350
        string? accept = null, protocol = null;
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Sec-WebSocket-Accept", StringComparison.OrdinalIgnoreCase))
            {
                accept = value;
            }
            else if (name.Equals("Sec-WebSocket-Protocol", StringComparison.OrdinalIgnoreCase))
            {
                protocol = value;
            }
        }

        if (accept != expectedAccept)
        {
            throw new WebSocketException("bad Sec-WebSocket-Accept in the upgrade response");
        }

        if (protocol != subProtocol)
        {
            throw new WebSocketException($"server selected subprotocol '{protocol}', offered '{subProtocol}'");
        }

        _start = headerEnd + 4;
    }
}

/// <summary>The server refused the upgrade; <see cref="StatusCode"/> is the HTTP status (0 when unreadable).</summary>
internal sealed class RawHandshakeException(int statusCode) : IOException($"upgrade refused with HTTP {statusCode}")
{
    public int StatusCode { get; } = statusCode;
}
