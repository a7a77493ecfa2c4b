using System.Globalization;
using CentralSystem.Domain.Access;
using CentralSystem.Domain.Sessions;
using CentralSystem.Ocpp.Messages.V16;
using CentralSystem.Ocpp.Pipeline;

namespace CentralSystem.Ocpp.V16.Core;

/// <summary>
/// The session is recorded whatever the authorisation answer: the charger may already be charging (offline start),
/// and it is the charger that stops a transaction whose idTag is not Accepted (1.6 §5.x StartTransaction).
/// </summary>
public sealed class StartTransactionHandler(AccessControlService access, SessionService sessions)
    : OcppCallHandler<StartTransactionRequest, StartTransactionResponse>(V16JsonContext.Default.StartTransactionRequest, V16JsonContext.Default.StartTransactionResponse)
{
    public override OcppVersion Version => OcppVersion.V16;

    public override string Action => "StartTransaction";

    protected override async ValueTask<StartTransactionResponse> HandleAsync(OcppCallContext context, StartTransactionRequest request, CancellationToken cancellationToken)
    {
        var decision = await access.DecideAsync(
            new AccessRequest(context.ChargerId, request.ConnectorId, request.ConnectorId, request.IdTag, null, "1.6", AccessTrigger.StartTransaction),
            context.ReceivedAt, cancellationToken);
        var session = await sessions.StartAsync(
            new NewSession(context.ChargerId, null, request.ConnectorId, request.ConnectorId, request.IdTag,
                request.Timestamp, request.MeterStart, "1.6", []),
            cancellationToken);
        return new StartTransactionResponse(V16Mapping.ToIdTagInfo(decision), int.Parse(session.TransactionId, CultureInfo.InvariantCulture));
    }
}
