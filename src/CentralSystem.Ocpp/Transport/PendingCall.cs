namespace CentralSystem.Ocpp.Transport;

/// <summary>The one CSMS→charger CALL in flight on a connection.</summary>
internal sealed class PendingCall(string messageId, string action, long deadlineTimestamp)
{
    private readonly TaskCompletionSource<OutboundCallResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string MessageId { get; } = messageId;

    public string Action { get; } = action;

    public long DeadlineTimestamp { get; } = deadlineTimestamp;

    public Task<OutboundCallResult> Task => _completion.Task;

    public bool Complete(OutboundCallResult result) => _completion.TrySetResult(result);
}
