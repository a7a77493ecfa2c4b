using CentralSystem.Domain.Access;
using CentralSystem.Ocpp.Messages.V16;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V16.Core;

public sealed class AuthorizeHandler(AccessControlService access)
    : OcppCallHandler<AuthorizeRequest, AuthorizeResponse>(V16JsonContext.Default.AuthorizeRequest, V16JsonContext.Default.AuthorizeResponse)
{
    public override OcppVersion Version => OcppVersion.V16;

    public override string Action => "Authorize";

    protected override async ValueTask<AuthorizeResponse> HandleAsync(OcppCallContext context, AuthorizeRequest request, CancellationToken cancellationToken)
    {
        var decision = await access.DecideAsync(
            new AccessRequest(context.ChargerId, null, null, request.IdTag, null, "1.6", AccessTrigger.Authorize), context.ReceivedAt, cancellationToken);
        return new AuthorizeResponse(V16Mapping.ToIdTagInfo(decision));
    }
}
