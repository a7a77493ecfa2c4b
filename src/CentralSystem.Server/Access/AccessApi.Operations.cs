using System.Text.Json;
using System.Text.Json.Nodes;
using CentralSystem.Domain.Access;
using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Pipeline;
using CentralSystem.Ocpp.Transport;
using CentralSystem.Server.Api;
using CentralSystem.Storage.Repositories.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CentralSystem.Server.Access;

public static partial class AccessApi
{
    /// <summary>
    /// Operator remote start (1.6 RemoteStartTransaction / 2.0.1 RequestStartTransaction) through the same access policy
    /// as a charger's Authorize: a denial is a recorded access event and a 403, and nothing is sent to the charger.
    /// </summary>
    private static async Task<Results<Ok<CallResultView>, ValidationProblem, NotFound<ProblemDetailsBody>, ProblemHttpResult>> RemoteStartAsync(
        string id, RemoteStartBody body, AccessControlService access, OcppCommandClient client, ConnectionRegistry registry, TimeProvider time, CancellationToken ct)
    {
        var input = new AccessInput();
        var token = input.Identifier(body.IdToken, "idToken");
        var type = body.Type is null ? IdentifierType.Rfid : input.Type(body.Type, "type");
        if (body.ConnectorId is < 1 || body.EvseId is < 1)
        {
            input.Add(body.ConnectorId is < 1 ? "connectorId" : "evseId", "must be 1 or more");
        }

        if (!input.IsValid)
        {
            return TypedResults.ValidationProblem(input.Errors);
        }

        if (!registry.TryGet(id, out var connection))
        {
            return TypedResults.NotFound(new ProblemDetailsBody("Not Found", $"Charger '{id}' is not connected", 404));
        }

        var v201 = connection.Version == OcppVersion.V201;
        if (await OperatorRemoteStartPolicy.DenialAsync(access, id, body.EvseId, body.ConnectorId, token!, type!.Value, time, ct) is { } denied)
        {
            return denied;
        }

        var payload = AccessCommandPayloads.RemoteStart(v201, token!, type.Value, body.EvseId, body.ConnectorId);

        OutboundCallResult result;
        try
        {
            result = await client.CallAsync(id, v201 ? "RequestStartTransaction" : "RemoteStartTransaction", payload.ToJsonString(), ct);
        }
        catch (ArgumentException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["idToken"] = [ex.Message] });
        }

        JsonElement? answer = result.Payload.IsEmpty ? null : JsonDocument.Parse(result.Payload).RootElement.Clone();
        return TypedResults.Ok(new CallResultView(result.Status.ToString(), answer, result.ErrorCode, result.ErrorDescription));
    }

    private static async Task<Results<Ok<List<AccessEventView>>, ValidationProblem>> ListEventsAsync(
        string? chargerId, string? decision, DateTimeOffset? from, DateTimeOffset? to, int? limit, PgAccessStateRepository states, CancellationToken ct)
    {
        var input = new AccessInput();
        bool? allowed = null;
        if (decision is not null)
        {
            if (string.Equals(decision, "Allowed", StringComparison.OrdinalIgnoreCase))
            {
                allowed = true;
            }
            else if (string.Equals(decision, "Denied", StringComparison.OrdinalIgnoreCase))
            {
                allowed = false;
            }
            else
            {
                input.Add("decision", "Allowed or Denied");
            }
        }

        if (limit is < 1 or > 1000)
        {
            input.Add("limit", "1..1000");
        }

        if (from is not null && to is not null && to <= from)
        {
            input.Add("to", "must be after from");
        }

        if (!input.IsValid)
        {
            return TypedResults.ValidationProblem(input.Errors);
        }

        var events = await states.ListEventsAsync(new AccessEventQuery(chargerId, allowed, from, to, limit ?? 100), ct);
        return TypedResults.Ok(events.Select(r => new AccessEventView(
            r.Id, r.Event.OccurredAt, r.Event.ChargerId, r.Event.EvseId, r.Event.ConnectorId, r.Event.Identifier, r.Event.IdentifierType,
            r.Event.Class.ToString(), r.Event.Allowed ? "Allowed" : "Denied", r.Event.Reason.ToString(), r.Event.Mode?.ToString(), r.Event.Rule,
            r.Event.Protocol, r.Event.Trigger.ToString(), r.Event.VehicleId, r.Event.AgreementId)).ToList());
    }
}
