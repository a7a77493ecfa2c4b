using System.Text.Json.Nodes;
using CentralSystem.Domain.Access;
using CentralSystem.Ocpp;
using CentralSystem.Server.Access;

namespace CentralSystem.Server.Commands;

// Remote start with the session id: the access policy decides (AccessControlService, the same decision as a charger's
// Authorize and POST /api/chargers/{id}/remote-start), then the CALL, then the SessionStarted event.
public static partial class CommandEndpoints
{
    private static async Task<IResult> RemoteStartAsync(
        string id, RemoteStartCommand body, CommandRunner runner, AccessControlService access, RemoteStartTracker tracker, TimeProvider time,
        HttpContext http, CancellationToken ct)
    {
        if (!runner.TryGetConnection(id, out var connection))
        {
            return CommandRunner.NotConnected(id);
        }

        var v201 = connection.Version == OcppVersion.V201;
        var input = new AccessInput();
        var token = input.Identifier(body.IdToken, "idToken");
        var type = body.Type is null ? IdentifierType.Rfid : input.Type(body.Type, "type");
        if (token is { Length: > 20 } && !v201)
        {
            input.Add("idToken", "idToken is at most 20 characters for OCPP 1.6 (idTag CiString20Type)");
        }

        if (body.ConnectorId is < 1 || body.EvseId is < 1)
        {
            input.Add(body.ConnectorId is < 1 ? "connectorId" : "evseId", "must be 1 or more");
        }

        if (body.WaitSeconds is < 0 or > 60)
        {
            input.Add("waitSeconds", "waitSeconds is 0..60");
        }

        if (!input.IsValid)
        {
            return TypedResults.ValidationProblem(input.Errors);
        }

        if (await OperatorRemoteStartPolicy.DenialAsync(access, id, body.EvseId, body.ConnectorId, token!, type!.Value, time, ct) is { } denied)
        {
            return denied;
        }

        var payload = AccessCommandPayloads.RemoteStart(v201, token!, type.Value, body.EvseId, body.ConnectorId);

        // Registered before the CALL: a fast charger may start the transaction before its CALLRESULT is read.
        var pending = tracker.Register(id, token!);
        var (view, status) = await runner.SendAsync(http.User, id, "remote-start", v201 ? "RequestStartTransaction" : "RemoteStartTransaction", payload, ct);
        if (view is null || status != StatusCodes.Status200OK || view.Outcome != "Accepted")
        {
            tracker.Forget(pending);
            return view is null ? CommandRunner.NotConnected(id) : TypedResults.Json(view, statusCode: status);
        }

        pending.Status = "Pending";
        var wait = TimeSpan.FromSeconds(body.WaitSeconds ?? 10);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        try
        {
            var (sessionId, transactionId) = await pending.Session.Task.WaitAsync(timeout.Token);
            return TypedResults.Ok(view with { CorrelationId = pending.CorrelationId, SessionId = sessionId, TransactionId = transactionId });
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Not started yet: poll GET /api/commands/{correlationId}.
            return TypedResults.Accepted($"/api/commands/{pending.CorrelationId}", view with { CorrelationId = pending.CorrelationId });
        }
    }
}
