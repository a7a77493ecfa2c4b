using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using CentralSystem.Ocpp.Pipeline;
using CentralSystem.Ocpp.Transport;
using CentralSystem.Server.Api;
using CentralSystem.Server.Auth;

namespace CentralSystem.Server.Commands;

/// <summary>
/// Sends one operator command as a CALL through the charger's one-in-flight queue (timeout <c>Ocpp:CallTimeoutSeconds</c>),
/// audits who sent it and what came back, and turns the outcome into an HTTP answer:
/// 200 CALLRESULT, 502 CALLERROR, 504 timeout, 404 not connected, 400 payload rejected by the official schema.
/// </summary>
public sealed class CommandRunner(OcppCommandClient client, ConnectionRegistry registry, OperatorAudit audit)
{
    public bool TryGetConnection(string chargerId, out ChargePointConnection connection) => registry.TryGet(chargerId, out connection);

    public async Task<IResult> RunAsync(
        ClaimsPrincipal user, string chargerId, string command, string action, JsonObject payload, CancellationToken cancellationToken, string invalidField = "payload")
    {
        var (view, status) = await SendAsync(user, chargerId, command, action, payload, cancellationToken);
        return view is null
            ? NotConnected(chargerId)
            : status == StatusCodes.Status400BadRequest
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [invalidField] = [view.ErrorDescription ?? "invalid"] })
                : TypedResults.Json(view, statusCode: status);
    }

    public async Task<(CommandResultView? View, int HttpStatus)> SendAsync(
        ClaimsPrincipal user, string chargerId, string command, string action, JsonObject payload, CancellationToken cancellationToken)
    {
        var name = user.Identity?.Name ?? "?";
        var role = user.FindFirstValue(ClaimTypes.Role) ?? "?";
        if (!registry.TryGet(chargerId, out _))
        {
            audit.Command(name, role, chargerId, command, "not connected");
            return (null, StatusCodes.Status404NotFound);
        }

        OutboundCallResult result;
        try
        {
            result = await client.CallAsync(chargerId, action, payload.ToJsonString(), cancellationToken);
        }
        catch (ArgumentException ex)
        {
            audit.Command(name, role, chargerId, command, "invalid payload");
            return (new CommandResultView(command, action, "Invalid", null, null, ex.Message), StatusCodes.Status400BadRequest);
        }

        JsonElement? response = result.Payload.IsEmpty ? null : JsonDocument.Parse(result.Payload).RootElement.Clone();
        var outcome = result.Status switch
        {
            OutboundCallStatus.Result => response is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()!
                : "Answered",
            OutboundCallStatus.Error => "CallError",
            _ => result.Status.ToString(),
        };
        var httpStatus = result.Status switch
        {
            OutboundCallStatus.Result => StatusCodes.Status200OK,
            OutboundCallStatus.Error => StatusCodes.Status502BadGateway,
            OutboundCallStatus.Timeout => StatusCodes.Status504GatewayTimeout,
            OutboundCallStatus.ConnectionClosed => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status503ServiceUnavailable,
        };
        audit.Command(name, role, chargerId, command, result.ErrorCode is null ? outcome : $"{outcome} {result.ErrorCode}");
        return (new CommandResultView(command, action, outcome, response, result.ErrorCode, result.ErrorDescription), httpStatus);
    }

    public static IResult NotConnected(string chargerId) =>
        TypedResults.NotFound(new ProblemDetailsBody("Not Found", $"Charger '{chargerId}' is not connected", 404));

    public static IResult WrongVersion(string chargerId, string version, string hint) =>
        TypedResults.Problem(title: "Conflict", detail: $"Charger '{chargerId}' speaks OCPP {version}: {hint}", statusCode: StatusCodes.Status409Conflict);
}
