using CentralSystem.Ocpp.Messages.V16;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V16.Core;

/// <summary>Last-seen is tracked by the connection and flushed in batches, so a Heartbeat costs no database write.</summary>
public sealed class HeartbeatHandler()
    : OcppCallHandler<HeartbeatRequest, HeartbeatResponse>(V16JsonContext.Default.HeartbeatRequest, V16JsonContext.Default.HeartbeatResponse)
{
    public override OcppVersion Version => OcppVersion.V16;

    public override string Action => "Heartbeat";

    protected override ValueTask<HeartbeatResponse> HandleAsync(OcppCallContext context, HeartbeatRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new HeartbeatResponse(context.ReceivedAt));
}
