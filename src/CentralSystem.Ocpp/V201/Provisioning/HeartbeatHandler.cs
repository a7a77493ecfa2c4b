using CentralSystem.Ocpp.Messages.V201;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V201.Provisioning;

public sealed class HeartbeatHandler()
    : OcppCallHandler<HeartbeatRequest, HeartbeatResponse>(V201JsonContext.Default.HeartbeatRequest, V201JsonContext.Default.HeartbeatResponse)
{
    public override OcppVersion Version => OcppVersion.V201;

    public override string Action => "Heartbeat";

    protected override ValueTask<HeartbeatResponse> HandleAsync(OcppCallContext context, HeartbeatRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new HeartbeatResponse(context.ReceivedAt));
}
