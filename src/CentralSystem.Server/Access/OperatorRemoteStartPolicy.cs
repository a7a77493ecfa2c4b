using CentralSystem.Domain.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CentralSystem.Server.Access;

/// <summary>
/// The access side of an operator remote start, shared by <c>POST /api/chargers/{id}/remote-start</c> and the
/// remote-start command: the same decision as a charger's Authorize (recorded as an access event), and the 403 an
/// operator gets for a denial. Null when the start may go ahead.
/// </summary>
public static class OperatorRemoteStartPolicy
{
    public static async Task<ProblemHttpResult?> DenialAsync(
        AccessControlService access, string chargerId, int? evseId, int? connectorId, string token, IdentifierType type, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(time);
        var decision = await access.DecideAsync(
            new AccessRequest(chargerId, evseId ?? connectorId, connectorId, token, AccessCommandPayloads.TokenType(type), "api", AccessTrigger.RemoteStart),
            time.GetUtcNow(), cancellationToken);
        return decision.Allowed
            ? null
            : TypedResults.Problem(
                title: "Access denied",
                detail: decision.PersonalMessage ?? $"'{token}' may not charge here now ({decision.Verdict.Reason})",
                statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["reason"] = decision.Verdict.Reason.ToString(), ["accessClass"] = decision.Verdict.Class.ToString() });
    }
}
