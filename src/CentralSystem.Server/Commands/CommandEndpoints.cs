using System.Text.Json.Nodes;
using CentralSystem.Ocpp;
using CentralSystem.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CentralSystem.Server.Commands;

/// <summary>
/// Operator commands under <c>/api/chargers/{id}/commands</c> (operator or admin; viewers get 403). Each is one CALL
/// through <see cref="CommandRunner"/>; the body uses the same field names for both OCPP versions.
/// </summary>
public static partial class CommandEndpoints
{
    public static void MapOperatorCommands(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>().WithTags("Commands");
        var commands = api.MapGroup("/chargers/{id}/commands");
        commands.MapPost("/reset", ResetAsync).Describe();
        commands.MapPost("/unlock", UnlockAsync).Describe();
        commands.MapPost("/availability", AvailabilityAsync).Describe();
        commands.MapPost("/trigger", TriggerAsync).Describe();
        commands.MapPost("/remote-stop", RemoteStopAsync).Describe();
        commands.MapPost("/remote-start", RemoteStartAsync).Describe().Produces<CommandResultView>(StatusCodes.Status202Accepted);
        commands.MapPost("/configuration/get", GetConfigurationAsync).Describe();
        commands.MapPost("/configuration/change", ChangeConfigurationAsync).Describe();
        commands.MapPost("/variables/get", GetVariablesAsync).Describe();
        commands.MapPost("/variables/set", SetVariablesAsync).Describe();
        api.MapGet("/commands/{correlationId}", GetRemoteStartStatus);
    }

    private static Task<IResult> ResetAsync(string id, ResetCommand body, CommandRunner runner, HttpContext http, CancellationToken ct)
    {
        if (!runner.TryGetConnection(id, out var connection))
        {
            return Task.FromResult(CommandRunner.NotConnected(id));
        }

        var v201 = connection.Version == OcppVersion.V201;
        string[] allowed = v201 ? ["Immediate", "OnIdle"] : ["Soft", "Hard"];
        var errors = new Errors();
        if (body.Type is null || !allowed.Contains(body.Type))
        {
            errors.Add("type", $"type is required: {string.Join(" or ", allowed)} (OCPP {(v201 ? "2.0.1" : "1.6")})");
        }

        errors.Positive("evseId", body.EvseId);
        if (errors.Any)
        {
            return Task.FromResult(errors.Result);
        }

        var payload = new JsonObject { ["type"] = body.Type };
        if (v201 && body.EvseId is { } evse)
        {
            payload["evseId"] = evse;
        }

        return runner.RunAsync(http.User, id, "reset", "Reset", payload, ct, "type");
    }

    private static Task<IResult> UnlockAsync(string id, UnlockCommand body, CommandRunner runner, HttpContext http, CancellationToken ct)
    {
        if (!runner.TryGetConnection(id, out var connection))
        {
            return Task.FromResult(CommandRunner.NotConnected(id));
        }

        var v201 = connection.Version == OcppVersion.V201;
        var errors = new Errors();
        errors.Required("connectorId", body.ConnectorId);
        if (v201)
        {
            errors.Required("evseId", body.EvseId);
        }

        if (errors.Any)
        {
            return Task.FromResult(errors.Result);
        }

        var payload = v201
            ? new JsonObject { ["evseId"] = body.EvseId, ["connectorId"] = body.ConnectorId }
            : new JsonObject { ["connectorId"] = body.ConnectorId };
        return runner.RunAsync(http.User, id, "unlock", v201 ? "UnlockConnector" : "UnlockConnector", payload, ct);
    }

    private static Task<IResult> AvailabilityAsync(string id, AvailabilityCommand body, CommandRunner runner, HttpContext http, CancellationToken ct)
    {
        if (!runner.TryGetConnection(id, out var connection))
        {
            return Task.FromResult(CommandRunner.NotConnected(id));
        }

        var v201 = connection.Version == OcppVersion.V201;
        var errors = new Errors();
        if (body.Availability is not ("Operative" or "Inoperative"))
        {
            errors.Add("availability", "availability is required: Operative or Inoperative");
        }

        errors.NotNegative("connectorId", body.ConnectorId);
        errors.Positive("evseId", body.EvseId);
        if (v201 && body.ConnectorId is > 0 && body.EvseId is null)
        {
            errors.Add("evseId", "evseId is required with connectorId (OCPP 2.0.1 EVSEType)");
        }

        if (errors.Any)
        {
            return Task.FromResult(errors.Result);
        }

        var payload = v201
            ? new JsonObject { ["operationalStatus"] = body.Availability }
            : new JsonObject { ["connectorId"] = body.ConnectorId ?? 0, ["type"] = body.Availability };
        if (v201 && body.EvseId is { } evse)
        {
            payload["evse"] = Evse(evse, body.ConnectorId);
        }

        return runner.RunAsync(http.User, id, "availability", "ChangeAvailability", payload, ct);
    }

    private static Task<IResult> TriggerAsync(string id, TriggerCommand body, CommandRunner runner, HttpContext http, CancellationToken ct)
    {
        if (!runner.TryGetConnection(id, out var connection))
        {
            return Task.FromResult(CommandRunner.NotConnected(id));
        }

        var v201 = connection.Version == OcppVersion.V201;
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(body.RequestedMessage))
        {
            errors.Add("requestedMessage", "requestedMessage is required, e.g. StatusNotification, MeterValues, Heartbeat, BootNotification");
        }

        errors.Positive("connectorId", body.ConnectorId);
        errors.Positive("evseId", body.EvseId);
        if (errors.Any)
        {
            return Task.FromResult(errors.Result);
        }

        var payload = new JsonObject { ["requestedMessage"] = body.RequestedMessage };
        if (v201 && body.EvseId is { } evse)
        {
            payload["evse"] = Evse(evse, body.ConnectorId);
        }
        else if (!v201 && body.ConnectorId is { } connector)
        {
            payload["connectorId"] = connector;
        }

        // An unknown message name fails the official schema (enum): reported on requestedMessage.
        return runner.RunAsync(http.User, id, "trigger", "TriggerMessage", payload, ct, "requestedMessage");
    }

    private static Task<IResult> RemoteStopAsync(string id, RemoteStopCommand body, CommandRunner runner, HttpContext http, CancellationToken ct)
    {
        if (!runner.TryGetConnection(id, out var connection))
        {
            return Task.FromResult(CommandRunner.NotConnected(id));
        }

        var v201 = connection.Version == OcppVersion.V201;
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(body.TransactionId))
        {
            errors.Add("transactionId", "transactionId is required");
        }
        else if (!v201 && !int.TryParse(body.TransactionId, out _))
        {
            errors.Add("transactionId", "transactionId must be an integer for OCPP 1.6");
        }

        if (errors.Any)
        {
            return Task.FromResult(errors.Result);
        }

        var payload = v201
            ? new JsonObject { ["transactionId"] = body.TransactionId }
            : new JsonObject { ["transactionId"] = int.Parse(body.TransactionId!, System.Globalization.CultureInfo.InvariantCulture) };
        return runner.RunAsync(http.User, id, "remote-stop", v201 ? "RequestStopTransaction" : "RemoteStopTransaction", payload, ct, "transactionId");
    }

    private static Results<Ok<RemoteStartStatusView>, NotFound<ProblemDetailsBody>> GetRemoteStartStatus(string correlationId, RemoteStartTracker tracker) =>
        tracker.Find(correlationId) is { } pending
            ? TypedResults.Ok(StatusOf(pending))
            : TypedResults.NotFound(new ProblemDetailsBody("Not Found", $"No remote start '{correlationId}' (kept for {RemoteStartTracker.Retention.TotalMinutes} min)", 404));

    // The command endpoints return IResult (the outcome picks the status code): spell out what they can answer.
    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder) => builder
        .Produces<CommandResultView>(StatusCodes.Status200OK)
        .Produces<CommandResultView>(StatusCodes.Status502BadGateway)
        .Produces<CommandResultView>(StatusCodes.Status504GatewayTimeout)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    internal static RemoteStartStatusView StatusOf(PendingRemoteStart pending) =>
        pending.Started is { } started
            ? new RemoteStartStatusView(pending.CorrelationId, pending.ChargerId, "Started", started.SessionId, started.TransactionId, pending.CreatedAt)
            : new RemoteStartStatusView(pending.CorrelationId, pending.ChargerId, pending.Status, null, null, pending.CreatedAt);

    private static JsonObject Evse(int evseId, int? connectorId)
    {
        var evse = new JsonObject { ["id"] = evseId };
        if (connectorId is > 0)
        {
            evse["connectorId"] = connectorId;
        }

        return evse;
    }
}
