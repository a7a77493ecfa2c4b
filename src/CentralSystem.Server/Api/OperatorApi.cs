using System.Text.Json;
using CentralSystem.Domain.Authorization;
using CentralSystem.Domain.Chargers;
using CentralSystem.Domain.Sessions;
using CentralSystem.Ocpp.Pipeline;
using CentralSystem.Ocpp.Transport;
using CentralSystem.Storage.Repositories;
using CentralSystem.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CentralSystem.Server.Api;

/// <summary>The minimal operator REST API: chargers, id tokens, sessions, raw frames and a raw CALL for diagnostics.</summary>
public static class OperatorApi
{
    public static void MapOperatorApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>();
        api.MapPost("/chargers", RegisterChargerAsync).WithMetadata(new AdminOnlyAttribute());
        api.MapGet("/chargers", ListChargersAsync);
        api.MapGet("/chargers/{id}", GetChargerAsync);
        api.MapPatch("/chargers/{id}", UpdateChargerAsync).WithMetadata(new AdminOnlyAttribute());
        api.MapPut("/chargers/{id}/credentials", SetCredentialsAsync).WithMetadata(new AdminOnlyAttribute());
        api.MapPost("/chargers/{id}/accept", (string id, IChargerRepository chargers, ConnectionRegistry registry, CancellationToken ct) =>
            SetStatusAsync(id, ChargerRegistrationStatus.Accepted, chargers, registry, ct)).WithMetadata(new AdminOnlyAttribute());
        api.MapPost("/chargers/{id}/reject", (string id, IChargerRepository chargers, ConnectionRegistry registry, CancellationToken ct) =>
            SetStatusAsync(id, ChargerRegistrationStatus.Rejected, chargers, registry, ct)).WithMetadata(new AdminOnlyAttribute());
        api.MapGet("/chargers/{id}/frames", ListFramesAsync);
        api.MapPost("/chargers/{id}/calls", CallChargerAsync).WithMetadata(new AdminOnlyAttribute());
        api.MapPost("/id-tokens", RegisterIdTokenAsync);
        api.MapGet("/id-tokens", async (IIdTokenRepository tokens, CancellationToken ct) => TypedResults.Ok(await tokens.ListAsync(ct)));
        api.MapGet("/sessions", ListSessionsAsync);
    }

    private static async Task<Results<Created<ChargerView>, ValidationProblem, Conflict<ProblemDetailsBody>>> RegisterChargerAsync(
        RegisterChargerRequest request, IChargerRepository chargers, ConnectionRegistry registry, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!OcppConnectionAcceptor.IsValidIdentity(request.Id))
        {
            errors["id"] = ["id is required: 1 to 48 printable characters without ':' (the charge point identity in the OCPP URL)"];
        }

        if (ChargerPassword.Validate(request.Password) is { } passwordProblem)
        {
            errors["password"] = [passwordProblem];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var record = new ChargerRecord(request.Id!, ChargerPassword.Create(request.Password!), request.Status ?? ChargerRegistrationStatus.Accepted,
            request.LenientValidation ?? false, request.LogFrames, null, null, time.GetUtcNow(), null, null);
        if (!await chargers.CreateAsync(record, ct))
        {
            return TypedResults.Conflict(new ProblemDetailsBody("Conflict", $"Charger '{request.Id}' is already registered", 409));
        }

        return TypedResults.Created($"/api/chargers/{Uri.EscapeDataString(record.Id)}", ToView(record, registry));
    }

    private static async Task<Ok<List<ChargerView>>> ListChargersAsync(IChargerRepository chargers, ConnectionRegistry registry, CancellationToken ct) =>
        TypedResults.Ok((await chargers.ListAsync(ct)).Select(c => ToView(c, registry)).ToList());

    private static async Task<Results<Ok<ChargerView>, NotFound<ProblemDetailsBody>>> GetChargerAsync(
        string id, IChargerRepository chargers, ConnectionRegistry registry, CancellationToken ct) =>
        await chargers.FindAsync(id, ct) is { } charger
            ? TypedResults.Ok(ToView(charger, registry))
            : NotFound(id);

    private static async Task<Results<Ok<ChargerView>, NotFound<ProblemDetailsBody>>> UpdateChargerAsync(
        string id, UpdateChargerRequest request, PgChargerRepository chargers, ConnectionRegistry registry, CancellationToken ct)
    {
        if (!await chargers.UpdateSettingsAsync(id, request.LenientValidation, request.LogFrames, ct))
        {
            return NotFound(id);
        }

        var charger = (await chargers.FindAsync(id, ct))!;
        if (registry.TryGet(id, out var connection))
        {
            connection.LenientValidation = charger.LenientValidation;
            connection.LogFrames = charger.LogFrames ?? connection.LogFrames;
        }

        return TypedResults.Ok(ToView(charger, registry));
    }

    /// <summary>
    /// Rotates a charger's Basic-auth password (security profile 1). The live connection stays up: the charger uses the
    /// new password on its next connection, after it has been given it (2.0.1 SetVariables BasicAuthPassword / 1.6
    /// ChangeConfiguration AuthorizationKey through the commands API).
    /// </summary>
    private static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetailsBody>>> SetCredentialsAsync(
        string id, SetCredentialsRequest request, IChargerRepository chargers, CancellationToken ct)
    {
        if (ChargerPassword.Validate(request.Password) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [problem] });
        }

        return await chargers.SetPasswordAsync(id, ChargerPassword.Create(request.Password!), ct)
            ? TypedResults.NoContent()
            : NotFound(id);
    }

    private static async Task<Results<Ok<ChargerView>, NotFound<ProblemDetailsBody>>> SetStatusAsync(
        string id, ChargerRegistrationStatus status, IChargerRepository chargers, ConnectionRegistry registry, CancellationToken ct)
    {
        if (!await chargers.SetRegistrationStatusAsync(id, status, ct))
        {
            return NotFound(id);
        }

        if (registry.TryGet(id, out var connection))
        {
            connection.RegistrationStatus = status;
        }

        return TypedResults.Ok(ToView((await chargers.FindAsync(id, ct))!, registry));
    }

    private static async Task<Results<Ok<IReadOnlyList<FrameRecord>>, ValidationProblem>> ListFramesAsync(
        string id, int? limit, PgFrameStore frames, CancellationToken ct)
    {
        if (limit is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be 1..1000"] });
        }

        return TypedResults.Ok(await frames.RecentAsync(id, limit ?? 100, ct));
    }

    private static async Task<Results<Ok<CallResultView>, ValidationProblem, NotFound<ProblemDetailsBody>>> CallChargerAsync(
        string id, CallRequest request, OcppCommandClient client, ConnectionRegistry registry, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Action) || request.Payload is not { ValueKind: JsonValueKind.Object } payload)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["action"] = ["action and an object payload are required"] });
        }

        if (!registry.TryGet(id, out _))
        {
            return NotFound(id, "is not connected");
        }

        OutboundCallResult result;
        try
        {
            result = await client.CallAsync(id, request.Action, JsonSerializer.SerializeToUtf8Bytes(payload), ct);
        }
        catch (ArgumentException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["payload"] = [ex.Message] });
        }

        JsonElement? body = result.Payload.IsEmpty ? null : JsonDocument.Parse(result.Payload).RootElement.Clone();
        return TypedResults.Ok(new CallResultView(result.Status.ToString(), body, result.ErrorCode, result.ErrorDescription));
    }

    private static async Task<Results<Ok<IdTokenRecord>, ValidationProblem>> RegisterIdTokenAsync(
        RegisterIdTokenRequest request, IIdTokenRepository tokens, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.IdToken) || request.IdToken.Length > 36)
        {
            errors["idToken"] = ["idToken is required, at most 36 characters (OCPP 2.0.1 IdTokenType; 1.6 idTag is at most 20)"];
        }

        if (request.Status is IdTokenStatus.Unknown)
        {
            errors["status"] = ["status must be Accepted, Blocked, Expired or Invalid (Unknown means not registered)"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var record = new IdTokenRecord(request.IdToken!, request.Type ?? "ISO14443", request.Status ?? IdTokenStatus.Accepted, request.ExpiresAt, request.GroupIdToken);
        await tokens.UpsertAsync(record, ct);
        return TypedResults.Ok(record);
    }

    private static async Task<Results<Ok<List<SessionView>>, ValidationProblem>> ListSessionsAsync(
        string? chargerId, int? limit, ISessionRepository sessions, CancellationToken ct)
    {
        if (limit is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be 1..1000"] });
        }

        var list = await sessions.ListAsync(chargerId, limit ?? 100, ct);
        return TypedResults.Ok(list.Select(s => new SessionView(s.Id, s.ChargerId, s.TransactionId, s.EvseId, s.ConnectorId, s.IdToken,
            s.Status.ToString(), s.StartedAt, s.StoppedAt, s.MeterStartWh, s.MeterStopWh, s.EnergyWh, s.EnergyWh / 1000m, s.StopReason, s.Flags)).ToList());
    }

    private static ChargerView ToView(ChargerRecord c, ConnectionRegistry registry) => new(
        c.Id, c.Status, registry.TryGet(c.Id, out _), c.OcppVersion, c.Identity?.Vendor, c.Identity?.Model, c.Identity?.SerialNumber,
        c.Identity?.FirmwareVersion, c.LenientValidation, c.LogFrames, c.CreatedAt, c.LastBootAt, c.LastSeenAt);

    private static NotFound<ProblemDetailsBody> NotFound(string id, string what = "is not registered") =>
        TypedResults.NotFound(new ProblemDetailsBody("Not Found", $"Charger '{id}' {what}", 404));
}
