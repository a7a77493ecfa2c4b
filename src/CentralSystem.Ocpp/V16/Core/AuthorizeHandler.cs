using CentralSystem.Domain.Authorization;
using CentralSystem.Ocpp.Messages.V16;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V16.Core;

public sealed class AuthorizeHandler(AuthorizationService authorization)
    : OcppCallHandler<AuthorizeRequest, AuthorizeResponse>(V16JsonContext.Default.AuthorizeRequest, V16JsonContext.Default.AuthorizeResponse)
{
    public override OcppVersion Version => OcppVersion.V16;

    public override string Action => "Authorize";

    protected override async ValueTask<AuthorizeResponse> HandleAsync(OcppCallContext context, AuthorizeRequest request, CancellationToken cancellationToken)
    {
        var decision = await authorization.AuthorizeAsync(request.IdTag, context.ReceivedAt, cancellationToken);
        return new AuthorizeResponse(V16Mapping.ToIdTagInfo(decision));
    }
}
