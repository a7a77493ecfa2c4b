using CentralSystem.Ocpp.Rpc;

namespace CentralSystem.Ocpp.Transport;

public sealed partial class ChargePointConnection
{
    // OCPP-J 1.6 §4.1.1 / 2.0.1 Part 4 §4.1.1: at most one CALL may be outstanding in each direction; later ones wait here.
    private readonly SemaphoreSlim _callGate = new(1, 1);
    private PendingCall? _inFlight;

    /// <summary>
    /// Sends a CALL and waits for its CALLRESULT/CALLERROR. Each call has a fresh message id, so a reply that arrives
    /// after its call timed out matches nothing and is dropped instead of completing the next call.
    /// </summary>
    public async Task<OutboundCallResult> CallAsync(string action, ReadOnlyMemory<byte> payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _callGate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return OutboundCallResult.Cancelled;
        }

        PendingCall? pending = null;
        try
        {
            if (!IsOpen)
            {
                return OutboundCallResult.Closed;
            }

            var messageId = Guid.NewGuid().ToString("D");
            pending = new PendingCall(messageId, action, _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency));
            Volatile.Write(ref _inFlight, pending);
            if (!IsOpen)
            {
                return OutboundCallResult.Closed;
            }

            Enqueue(FrameWriter.WriteRawCall(messageId, action, payload.Span));
            await using var registration = cancellationToken.Register(static state => ((PendingCall)state!).Complete(OutboundCallResult.Cancelled), pending);
            var result = await pending.Task;
            if (result.Status == OutboundCallStatus.Timeout)
            {
                LogCallTimedOut(ChargerId, action, messageId);
            }

            return result;
        }
        finally
        {
            if (pending is not null)
            {
                Interlocked.CompareExchange(ref _inFlight, null, pending);
            }

            _callGate.Release();
        }
    }

    /// <summary>Called by the sweeper: fails the in-flight CALL once its deadline has passed.</summary>
    public void ExpireOverdueCall(long nowTimestamp)
    {
        var pending = Volatile.Read(ref _inFlight);
        if (pending is not null && nowTimestamp >= pending.DeadlineTimestamp
            && Interlocked.CompareExchange(ref _inFlight, null, pending) == pending)
        {
            pending.Complete(OutboundCallResult.TimedOut);
        }
    }

    private void CompleteOutboundCall(IncomingFrame frame)
    {
        var pending = Volatile.Read(ref _inFlight);
        if (pending is null || !string.Equals(pending.MessageId, frame.MessageId, StringComparison.Ordinal)
            || Interlocked.CompareExchange(ref _inFlight, null, pending) != pending)
        {
            // Late (after timeout) or unsolicited: never answered (OCPP-J does not reply to replies).
            LogUnmatchedReply(ChargerId, frame.MessageId);
            return;
        }

        var result = frame.MessageType == MessageTypeId.CallResult
            ? new OutboundCallResult(OutboundCallStatus.Result, frame.Payload.ToArray(), null, null)
            : new OutboundCallResult(OutboundCallStatus.Error, default, frame.ErrorCode, frame.ErrorDescription);
        pending.Complete(result);
    }
}
