using CentralSystem.Domain.Access;
using CentralSystem.Ocpp.Messages.V201;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V201.Authorization;

public sealed class AuthorizeHandler(AccessControlService access)
    : OcppCallHandler<AuthorizeRequest, AuthorizeResponse>(V201JsonContext.Default.AuthorizeRequest, V201JsonContext.Default.AuthorizeResponse)
{
    public override OcppVersion Version => OcppVersion.V201;

    public override string Action => "Authorize";

    protected override async ValueTask<AuthorizeResponse> HandleAsync(OcppCallContext context, AuthorizeRequest request, CancellationToken cancellationToken)
    {
        var decision = await access.DecideAsync(
            new AccessRequest(context.ChargerId, null, null, request.IdToken.Value, request.IdToken.Type, "2.0.1", AccessTrigger.Authorize),
            context.ReceivedAt, cancellationToken);
        return new AuthorizeResponse(V201Mapping.ToIdTokenInfo(decision));
    }
}
