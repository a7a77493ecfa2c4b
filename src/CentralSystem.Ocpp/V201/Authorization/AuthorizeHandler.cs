using CentralSystem.Domain.Authorization;
using CentralSystem.Ocpp.Messages.V201;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V201.Authorization;

public sealed class AuthorizeHandler(AuthorizationService authorization)
    : OcppCallHandler<AuthorizeRequest, AuthorizeResponse>(V201JsonContext.Default.AuthorizeRequest, V201JsonContext.Default.AuthorizeResponse)
{
    public override OcppVersion Version => OcppVersion.V201;

    public override string Action => "Authorize";

    protected override async ValueTask<AuthorizeResponse> HandleAsync(OcppCallContext context, AuthorizeRequest request, CancellationToken cancellationToken)
    {
        var decision = await authorization.AuthorizeAsync(request.IdToken.Value, context.ReceivedAt, cancellationToken);
        return new AuthorizeResponse(V201Mapping.ToIdTokenInfo(decision));
    }
}
