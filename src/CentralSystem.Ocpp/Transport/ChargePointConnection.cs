using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using CentralSystem.Domain.Chargers;
using CentralSystem.Ocpp.Pipeline;
using CentralSystem.Ocpp.Rpc;
using Microsoft.Extensions.Logging;

namespace CentralSystem.Ocpp.Transport;

/// <summary>
/// One charger's OCPP-J WebSocket: a receive loop, a send loop fed by a bounded channel (never two concurrent
/// SendAsync calls), inbound CALLs answered in arrival order, at most one CSMS→charger CALL in flight, and one
/// idempotent <see cref="Abort"/> path.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification =
    "The lifetime source is disposed when RunAsync ends; the call gate never allocates a wait handle, and disposing it would fault callers still queued behind a dead connection.")]
public sealed partial class ChargePointConnection
{
    // Idle connections hold no receive buffer: the loop waits with a zero-byte read and rents one only when a
    // message arrives. 4 KiB covers nearly every OCPP message; larger ones grow from the pool.
    private const int InitialReceiveBufferBytes = 4096;
    private const string HeartbeatAction = "Heartbeat";

    private readonly WebSocket _socket;
    private readonly OcppMessagePipeline _pipeline;
    private readonly ConnectionRegistry _registry;
    private readonly IFrameLog _frameLog;
    private readonly OcppOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<PooledBufferWriter> _outbox;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly CancellationToken _processingToken;
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _inboundTail = Task.CompletedTask;
    private int _inboundQueued;
    private int _aborted;
    private long _lastInboundTimestamp;

    public ChargePointConnection(
        string chargerId,
        OcppVersion version,
        WebSocket socket,
        ChargerConnectionSettings settings,
        OcppMessagePipeline pipeline,
        ConnectionRegistry registry,
        IFrameLog frameLog,
        OcppOptions options,
        TimeProvider time,
        ILogger logger,
        CancellationToken processingToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ChargerId = chargerId;
        Version = version;
        _socket = socket;
        RegistrationStatus = settings.RegistrationStatus;
        LenientValidation = settings.LenientValidation;
        LogFrames = settings.LogFrames;
        _pipeline = pipeline;
        _registry = registry;
        _frameLog = frameLog;
        _options = options;
        _time = time;
        _logger = logger;
        _processingToken = processingToken;
        _outbox = Channel.CreateBounded<PooledBufferWriter>(new BoundedChannelOptions(32)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,

            // The send loop continues inline on the thread that queued the frame: no thread-pool hop per reply.
            AllowSynchronousContinuations = true,
        });
        ConnectedAt = time.GetUtcNow();
        _lastInboundTimestamp = time.GetTimestamp();
    }

    public string ChargerId { get; }

    public OcppVersion Version { get; }

    public DateTimeOffset ConnectedAt { get; }

    public ChargerRegistrationStatus RegistrationStatus { get; set; }

    public bool LenientValidation { get; set; }

    public bool LogFrames { get; set; }

    public bool IsOpen => Volatile.Read(ref _aborted) == 0;

    /// <summary>Monotonic timestamp (TimeProvider ticks) of the last frame received.</summary>
    public long LastInboundTimestamp => Volatile.Read(ref _lastInboundTimestamp);

    public async Task RunAsync()
    {
        var superseded = _registry.Register(this);
        if (superseded is not null)
        {
            // Closed in the background: the new connection must not wait for the old peer's close handshake.
            LogSuperseded(ChargerId);
            _ = superseded.CloseAsync(WebSocketCloseStatus.PolicyViolation, "Superseded by a new connection for the same charger");
        }

        LogConnected(ChargerId, Version);
        var sending = SendLoopAsync();
        var reason = "closed by the charger";
        try
        {
            await ReceiveLoopAsync();
        }
        catch (OperationCanceledException)
        {
            reason = "aborted";
        }
        catch (WebSocketException ex)
        {
            reason = ex.Message;
        }
        catch (IOException ex)
        {
            reason = ex.Message;
        }
        finally
        {
            // Let CALLs already received finish their durable effects before the connection is torn down.
            try
            {
                await _inboundTail;
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ChannelClosedException)
            {
                // The charger is gone; it will retry what it did not get an answer for.
            }

            Abort(reason);
            await sending;
            _lifetime.Dispose();
            _ended.TrySetResult();
        }
    }

    /// <summary>Graceful close, bounded in time, then <see cref="Abort"/>.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        if (!IsOpen)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
            await _socket.CloseOutputAsync(status, description, timeout.Token);

            // Give the peer the chance to read our close frame and answer it: aborting at once can reset the TCP
            // connection before the close frame is read, and the peer would see an error instead of the reason.
            await _ended.Task.WaitAsync(CloseHandshakeTimeout, _time);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or WebSocketException or IOException or ObjectDisposedException)
        {
            // A peer that does not complete the close handshake is dropped below.
        }

        Abort(description);
    }

    /// <summary>The single "this connection is over" path; safe to call any number of times from any thread.</summary>
    public void Abort(string reason)
    {
        if (Interlocked.Exchange(ref _aborted, 1) == 1)
        {
            return;
        }

        LogDisconnected(ChargerId, reason);
        _registry.Remove(this);
        Interlocked.Exchange(ref _inFlight, null)?.Complete(OutboundCallResult.Closed);
        _outbox.Writer.TryComplete();
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already torn down.
        }

        if (_socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
        {
            _socket.Abort();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var token = _lifetime.Token;
        while (true)
        {
            var probe = await _socket.ReceiveAsync(Memory<byte>.Empty, token);
            if (probe.MessageType == WebSocketMessageType.Close)
            {
                await AnswerCloseAsync();
                return;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBufferBytes);
            var length = 0;
            var handedOver = false;
            try
            {
                // The zero-byte probe consumed nothing; an empty message comes back as EndOfMessage with no bytes.
                var result = probe;
                while (!result.EndOfMessage)
                {
                    if (length == buffer.Length)
                    {
                        if (buffer.Length >= _options.MaxMessageBytes)
                        {
                            LogMessageTooBig(ChargerId, _options.MaxMessageBytes);
                            await RefuseOversizedMessageAsync(buffer);
                            return;
                        }

                        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _options.MaxMessageBytes));
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await AnswerCloseAsync();
                        return;
                    }

                    length += result.Count;
                }

                Volatile.Write(ref _lastInboundTimestamp, _time.GetTimestamp());
                handedOver = true;
                await OnMessageAsync(buffer, length, result.MessageType);
            }
            finally
            {
                if (!handedOver)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
    }

    /// <summary>
    /// Closes with 1009 (RFC 6455 §7.4.1) and keeps reading, discarding, until the peer answers the close: aborting
    /// with the rest of the message unread would reset the TCP connection and lose the close frame.
    /// </summary>
    private async Task RefuseOversizedMessageAsync(byte[] scratch)
    {
        using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {_options.MaxMessageBytes} bytes", timeout.Token);
            while (_socket.State == WebSocketState.CloseSent)
            {
                var result = await _socket.ReceiveAsync(scratch.AsMemory(), timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            // The peer did not complete the close handshake in time; RunAsync aborts the connection.
        }
    }

    private async Task AnswerCloseAsync()
    {
        if (_socket.State == WebSocketState.CloseReceived)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
            {
                // Closing anyway.
            }
        }
    }

    /// <summary>Takes ownership of <paramref name="buffer"/>.</summary>
    private async ValueTask OnMessageAsync(byte[] buffer, int length, WebSocketMessageType messageType)
    {
        var data = buffer.AsMemory(0, length);
        if (messageType != WebSocketMessageType.Text)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Enqueue(OcppMessagePipeline.Error(FrameParser.UnknownMessageId, RpcErrorKind.RpcFrameworkError, Version, "OCPP-J messages are text frames"));
            return;
        }

        var parsed = FrameParser.TryParse(data, out var frame, out var error);

        // Heartbeats (and their answers) are most of an idle fleet's traffic and say nothing the last-seen time
        // doesn't: keeping them out of the raw frame log saves two database rows per Heartbeat.
        var logged = LogFrames && !(parsed && frame.MessageType == MessageTypeId.Call && frame.Action == HeartbeatAction);
        if (logged)
        {
            _frameLog.Record(ChargerId, FrameDirection.Inbound, data.Span, _time.GetUtcNow());
        }

        if (!parsed)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            LogBadFrame(ChargerId, error!.Description);
            if (error.ShouldReply)
            {
                Enqueue(OcppMessagePipeline.Error(error.MessageId, error.Kind, Version, error.Description));
            }

            return;
        }

        if (frame.MessageType != MessageTypeId.Call)
        {
            try
            {
                CompleteOutboundCall(frame);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return;
        }

        // CALLs are answered in arrival order; the receive loop keeps reading (so CALLRESULTs for our own CALLs are
        // never stuck behind a slow handler) until too many are queued.
        if (_inboundTail.IsCompleted)
        {
            var processing = ProcessCallAsync(frame, buffer, logged);
            if (!processing.IsCompletedSuccessfully)
            {
                Interlocked.Increment(ref _inboundQueued);
                _inboundTail = TrackAsync(processing.AsTask());
            }
        }
        else
        {
            Interlocked.Increment(ref _inboundQueued);
            _inboundTail = ProcessAfterAsync(_inboundTail, frame, buffer, logged);
        }

        if (Volatile.Read(ref _inboundQueued) >= _options.MaxQueuedInboundCalls)
        {
            await _inboundTail;
        }
    }

    private async Task TrackAsync(Task processing)
    {
        try
        {
            await processing;
        }
        finally
        {
            Interlocked.Decrement(ref _inboundQueued);
        }
    }

    private async Task ProcessAfterAsync(Task previous, IncomingFrame frame, byte[] buffer, bool logReply)
    {
        try
        {
            await previous;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            // The previous CALL's failure does not stop this one.
        }

        try
        {
            await ProcessCallAsync(frame, buffer, logReply);
        }
        finally
        {
            Interlocked.Decrement(ref _inboundQueued);
        }
    }

    private async ValueTask ProcessCallAsync(IncomingFrame frame, byte[] buffer, bool logReply)
    {
        PooledBufferWriter reply;
        try
        {
            reply = await _pipeline.ProcessCallAsync(this, frame, _time.GetUtcNow(), _processingToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        reply.SkipFrameLog = !logReply;
        Enqueue(reply);
    }

    private void Enqueue(PooledBufferWriter frame)
    {
        if (_outbox.Writer.TryWrite(frame))
        {
            return;
        }

        if (!IsOpen)
        {
            frame.Dispose();
            return;
        }

        // The outbox is full (a charger not reading): wait for room rather than drop an answer.
        _ = EnqueueSlowAsync(frame);
    }

    private async Task EnqueueSlowAsync(PooledBufferWriter frame)
    {
        try
        {
            await _outbox.Writer.WriteAsync(frame, _lifetime.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException or ObjectDisposedException)
        {
            frame.Dispose();
        }
    }

    private async Task SendLoopAsync()
    {
        var reader = _outbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                while (reader.TryRead(out var frame))
                {
                    using (frame)
                    {
                        if (LogFrames && !frame.SkipFrameLog)
                        {
                            _frameLog.Record(ChargerId, FrameDirection.Outbound, frame.WrittenSpan, _time.GetUtcNow());
                        }

                        await _socket.SendAsync(frame.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, _lifetime.Token);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            Abort($"send failed: {ex.Message}");
        }
        finally
        {
            while (reader.TryRead(out var leftover))
            {
                leftover.Dispose();
            }
        }
    }
}
