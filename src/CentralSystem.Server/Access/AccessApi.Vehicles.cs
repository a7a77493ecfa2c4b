using CentralSystem.Domain.Access;
using CentralSystem.Server.Api;
using CentralSystem.Storage.Repositories.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CentralSystem.Server.Access;

public static partial class AccessApi
{
    private static void MapVehicles(RouteGroupBuilder api)
    {
        api.MapPost("/vehicles", (VehicleBody body, PgVehicleRepository vehicles, PgAccessStateRepository states, AccessSessionObserver observer, TimeProvider time, CancellationToken ct) =>
            SaveVehicleAsync(null, body, vehicles, states, observer, time, ct));
        api.MapPut("/vehicles/{id}", (string id, VehicleBody body, PgVehicleRepository vehicles, PgAccessStateRepository states, AccessSessionObserver observer, TimeProvider time, CancellationToken ct) =>
            SaveVehicleAsync(id, body, vehicles, states, observer, time, ct));
        api.MapGet("/vehicles", async (string? agreementId, PgVehicleRepository vehicles, CancellationToken ct) =>
            TypedResults.Ok((await vehicles.ListVehiclesAsync(agreementId, ct)).Select(ToView).ToList()));
        api.MapGet("/vehicles/{id}", async Task<Results<Ok<VehicleView>, NotFound<ProblemDetailsBody>>> (string id, PgVehicleRepository vehicles, CancellationToken ct) =>
            await vehicles.FindVehicleAsync(id, ct) is { } vehicle ? TypedResults.Ok(ToView(vehicle)) : NotFound("Vehicle", id));
        api.MapDelete("/vehicles/{id}", async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> (
            string id, PgVehicleRepository vehicles, PgAccessStateRepository states, AccessSessionObserver observer, CancellationToken ct) =>
        {
            if (!await vehicles.DeleteVehicleAsync(id, ct))
            {
                return NotFound("Vehicle", id);
            }

            await AllowListChangedAsync(states, observer, ct);
            return TypedResults.NoContent();
        });

        api.MapPost("/agreements", (AgreementBody body, PgVehicleRepository vehicles, PgAccessStateRepository states, AccessSessionObserver observer, TimeProvider time, CancellationToken ct) =>
            SaveAgreementAsync(null, body, vehicles, states, observer, time, ct));
        api.MapPut("/agreements/{id}", (string id, AgreementBody body, PgVehicleRepository vehicles, PgAccessStateRepository states, AccessSessionObserver observer, TimeProvider time, CancellationToken ct) =>
            SaveAgreementAsync(id, body, vehicles, states, observer, time, ct));
        api.MapGet("/agreements", async (PgVehicleRepository vehicles, CancellationToken ct) =>
            TypedResults.Ok((await vehicles.ListAgreementsAsync(ct)).Select(ToView).ToList()));
        api.MapGet("/agreements/{id}", async Task<Results<Ok<AgreementView>, NotFound<ProblemDetailsBody>>> (string id, PgVehicleRepository vehicles, CancellationToken ct) =>
            await vehicles.FindAgreementAsync(id, ct) is { } agreement ? TypedResults.Ok(ToView(agreement)) : NotFound("Agreement", id));
        api.MapDelete("/agreements/{id}", async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> (
            string id, PgVehicleRepository vehicles, PgAccessStateRepository states, AccessSessionObserver observer, CancellationToken ct) =>
        {
            if (!await vehicles.DeleteAgreementAsync(id, ct))
            {
                return NotFound("Agreement", id);
            }

            await AllowListChangedAsync(states, observer, ct);
            return TypedResults.NoContent();
        });
        api.MapPost("/agreements/import", ImportAsync);
    }

    private static async Task<Results<Created<VehicleView>, Ok<VehicleView>, ValidationProblem, ProblemHttpResult>> SaveVehicleAsync(
        string? routeId, VehicleBody body, PgVehicleRepository vehicles, PgAccessStateRepository states, AccessSessionObserver observer, TimeProvider time, CancellationToken ct)
    {
        var input = new AccessInput();
        var id = routeId ?? input.Id(body.Id, "id", required: false) ?? Guid.NewGuid().ToString("N");
        AccessClass? cls = null;
        if (body.Class is not null && Enum.TryParse<AccessClass>(body.Class, true, out var parsed) && parsed is AccessClass.Own or AccessClass.Agreement)
        {
            cls = parsed;
        }
        else
        {
            input.Add("class", $"'{body.Class}' is not a vehicle class: Own or Agreement (Unknown is anything not registered)");
        }

        if (cls == AccessClass.Agreement)
        {
            if (input.Id(body.AgreementId, "agreementId") is { } agreementId && await vehicles.FindAgreementAsync(agreementId, ct) is null)
            {
                input.Add("agreementId", $"agreement '{agreementId}' does not exist");
            }
        }
        else if (cls == AccessClass.Own && body.AgreementId is not null)
        {
            input.Add("agreementId", "an Own vehicle has no agreement");
        }

        var identifiers = new List<VehicleIdentifier>();
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < (body.Identifiers?.Count ?? 0); i++)
        {
            var item = body.Identifiers![i];
            var type = input.Type(item?.Type, $"identifiers[{i}].type");
            var value = input.Identifier(item?.Value, $"identifiers[{i}].value");
            if (value is null || type is null)
            {
                continue;
            }

            var key = IdentifierKey.Normalize(value);
            if (keys.TryGetValue(key, out var first))
            {
                input.Add($"identifiers[{i}].value", $"duplicate of identifiers[{first}]");
                continue;
            }

            keys[key] = i;
            identifiers.Add(new VehicleIdentifier(type.Value, value));
        }

        if (routeId is null && input.IsValid && await vehicles.FindVehicleAsync(id, ct) is not null)
        {
            return TypedResults.Problem(title: "Conflict", detail: $"Vehicle '{id}' already exists: use PUT /api/vehicles/{id} to change it", statusCode: 409);
        }

        if (!input.IsValid)
        {
            return TypedResults.ValidationProblem(input.Errors);
        }

        var record = new VehicleRecord(id, body.Name, cls!.Value, cls == AccessClass.Agreement ? body.AgreementId : null, identifiers, time.GetUtcNow());
        if (await vehicles.UpsertVehicleAsync(record, ct) is { } taken)
        {
            var errors = taken.ToDictionary(
                t => $"identifiers[{Math.Max(0, identifiers.FindIndex(i => i.Value == t.Value))}].value",
                t => new[] { $"identifier '{t.Value}' already belongs to vehicle '{t.OwnerVehicleId}'" });
            return TypedResults.Problem(title: "Duplicate identifier", statusCode: 409, detail: "An identifier maps to exactly one vehicle",
                extensions: new Dictionary<string, object?> { ["errors"] = errors });
        }

        await AllowListChangedAsync(states, observer, ct);
        var saved = (await vehicles.FindVehicleAsync(id, ct))!;
        return routeId is null ? TypedResults.Created($"/api/vehicles/{Uri.EscapeDataString(id)}", ToView(saved)) : TypedResults.Ok(ToView(saved));
    }

    private static async Task<Results<Created<AgreementView>, Ok<AgreementView>, ValidationProblem, ProblemHttpResult>> SaveAgreementAsync(
        string? routeId, AgreementBody body, PgVehicleRepository vehicles, PgAccessStateRepository states, AccessSessionObserver observer, TimeProvider time, CancellationToken ct)
    {
        var input = new AccessInput();
        var id = routeId ?? input.Id(body.Id, "id", required: false) ?? Guid.NewGuid().ToString("N");
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            input.Add("name", "required");
        }

        if (body.ValidFrom is { } from && body.ValidTo is { } to && to <= from)
        {
            input.Add("validTo", "must be after validFrom (validity is [validFrom, validTo))");
        }

        for (var i = 0; i < (body.SiteIds?.Count ?? 0); i++)
        {
            input.Id(body.SiteIds![i], $"siteIds[{i}]");
        }

        for (var i = 0; i < (body.ChargerIds?.Count ?? 0); i++)
        {
            input.Id(body.ChargerIds![i], $"chargerIds[{i}]");
        }

        if (routeId is null && input.IsValid && await vehicles.FindAgreementAsync(id, ct) is not null)
        {
            return TypedResults.Problem(title: "Conflict", detail: $"Agreement '{id}' already exists: use PUT /api/agreements/{id} to change it", statusCode: 409);
        }

        if (!input.IsValid)
        {
            return TypedResults.ValidationProblem(input.Errors);
        }

        var agreement = new Agreement(id, body.Name!.Trim(), body.ValidFrom, body.ValidTo, body.SiteIds?.Distinct().ToList() ?? [], body.ChargerIds?.Distinct().ToList() ?? []);
        await vehicles.UpsertAgreementAsync(agreement, time.GetUtcNow(), ct);
        await AllowListChangedAsync(states, observer, ct);
        return routeId is null ? TypedResults.Created($"/api/agreements/{Uri.EscapeDataString(id)}", ToView(agreement)) : TypedResults.Ok(ToView(agreement));
    }

    /// <summary>Managed chargers hold the allow-list as their local list: re-send it (off the request path).</summary>
    private static async Task AllowListChangedAsync(PgAccessStateRepository states, AccessSessionObserver observer, CancellationToken ct)
    {
        foreach (var chargerId in await states.MarkManagedPendingAsync("allow-list changed: local list to be re-sent", ct))
        {
            observer.RequestApply(chargerId, TimeSpan.Zero);
        }
    }

    private static VehicleView ToView(VehicleRecord v) =>
        new(v.Id, v.Name, v.Class.ToString(), v.AgreementId, v.Identifiers.Select(i => new IdentifierView(i.Type.ToString(), i.Value)).ToList(), v.UpdatedAt);

    private static AgreementView ToView(Agreement a) => new(a.Id, a.Name, a.ValidFrom, a.ValidTo, a.SiteIds, a.ChargerIds);
}
