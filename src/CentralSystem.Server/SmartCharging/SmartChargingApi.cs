using CentralSystem.Server.Api;
using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Composite;
using CentralSystem.SmartCharging.SiteFormat;
using CentralSystem.SmartCharging.Topology;
using CentralSystem.Storage.Repositories.SmartCharging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CentralSystem.Server.SmartCharging;

/// <summary>Operator API for sites (the electrical tree of SITE-FORMAT.md), their live allocation and what was dispatched.</summary>
public static class SmartChargingApi
{
    public static void MapSmartChargingApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>();
        api.MapPut("/sites/{id}", PutSiteAsync);
        api.MapGet("/sites", async (PgSiteRepository sites, CancellationToken ct) =>
            TypedResults.Ok((await sites.ListAsync(ct)).Select(s => new SiteSummary(s.Id, s.Version, s.UpdatedAt)).ToList()));
        api.MapGet("/sites/{id}", GetSiteAsync);
        api.MapDelete("/sites/{id}", DeleteSiteAsync);
        api.MapPatch("/sites/{id}/nodes/{nodeId}", PatchNodeAsync);
        api.MapGet("/sites/{id}/allocation", GetAllocation);
        api.MapGet("/chargers/{id}/profiles", async (string id, PgDispatchedProfileRepository profiles, CancellationToken ct) =>
            TypedResults.Ok(await profiles.ListByChargerAsync(id, ct)));
        api.MapGet("/chargers/{id}/composite-schedule", GetCompositeScheduleAsync);
    }

    /// <summary>
    /// What the charger will apply (libocpp's composite rules) from the profiles it accepted from us, over the next
    /// <paramref name="minutes"/>, for one EVSE (0 = the charger as a whole).
    /// </summary>
    private static async Task<Results<Ok<CompositeSchedule>, ValidationProblem>> GetCompositeScheduleAsync(
        string id, PgDispatchedProfileRepository profiles, SmartChargingDispatcher dispatcher, TimeProvider time, CancellationToken ct,
        int evseId = 1, int minutes = 60, string unit = "A")
    {
        var errors = new Dictionary<string, string[]>();
        if (evseId < 0)
        {
            errors["evseId"] = ["must be 0 (the charger) or an EVSE id"];
        }

        if (minutes is < 1 or > 7 * 24 * 60)
        {
            errors["minutes"] = ["must be 1..10080"];
        }

        if (unit is not ("A" or "W"))
        {
            errors["unit"] = ["must be A or W"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Only accepted profiles are held by the charger; the table keeps the last one per target.
        var held = (await profiles.ListByChargerAsync(id, ct))
            .Where(p => p.Status == "Accepted")
            .Select(p => HeldProfileReader.Read(p.Payload))
            .OfType<ChargingProfile>()
            .ToList();
        var transactions = dispatcher.RunningTransactions(id).Select(t => new ActiveTransaction(t.EvseId, t.TransactionId, t.StartedAt)).ToList();
        var evses = Math.Max(1, held.Select(p => p.EvseId).Concat(transactions.Select(t => t.EvseId)).DefaultIfEmpty(1).Max());
        var now = time.GetUtcNow();
        var schedule = CompositeScheduleCalculator.Calculate(
            new CompositeStation(Math.Max(evses, evseId)) { Profiles = held },
            new CompositeScheduleRequest(evseId, now, now.AddMinutes(minutes), unit == "W" ? ChargingRateUnit.W : ChargingRateUnit.A) { Transactions = transactions });
        return TypedResults.Ok(schedule);
    }

    private static async Task<Results<Ok<SiteSummary>, ValidationProblem>> PutSiteAsync(
        string id, HttpRequest request, PgSiteRepository sites, SmartChargingDispatcher dispatcher, TimeProvider time, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(ct);
        SiteModel model;
        try
        {
            // The route names the site; the document's own id (default "site") is overridden.
            model = SiteJson.Parse(body) with { Id = id };
        }
        catch (SiteValidationException ex)
        {
            return Invalid(ex.Errors);
        }

        var conflicts = dispatcher.BindingConflicts(model);
        return conflicts.Count > 0 ? Invalid(conflicts) : TypedResults.Ok(await StoreAsync(model, sites, dispatcher, time, ct));
    }

    private static async Task<Results<ContentHttpResult, NotFound<ProblemDetailsBody>>> GetSiteAsync(string id, PgSiteRepository sites, CancellationToken ct) =>
        await sites.FindAsync(id, ct) is { } site
            ? TypedResults.Text(site.Document, "application/json")
            : NotFound(id);

    private static async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> DeleteSiteAsync(
        string id, PgSiteRepository sites, SmartChargingDispatcher dispatcher, CancellationToken ct)
    {
        if (!await sites.DeleteAsync(id, ct))
        {
            return NotFound(id);
        }

        // Chargers keep what they hold until it expires (validTo), then run on their safe default.
        dispatcher.RemoveSite(id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SiteSummary>, ValidationProblem, NotFound<ProblemDetailsBody>>> PatchNodeAsync(
        string id, string nodeId, NodeLimitPatch patch, PgSiteRepository sites, SmartChargingDispatcher dispatcher, TimeProvider time, CancellationToken ct)
    {
        if (await sites.FindAsync(id, ct) is not { } stored)
        {
            return NotFound(id);
        }

        var model = SiteJson.Parse(stored.Document) with { Id = id };
        if (model.Nodes.FirstOrDefault(n => n.Id == nodeId) is not { } node)
        {
            return TypedResults.NotFound(new ProblemDetailsBody("Not Found", $"Site '{id}' has no node '{nodeId}'", 404));
        }

        var changed = node with
        {
            Import = patch?.Import?.ToLimit() ?? node.Import,
            SafeImport = patch?.SafeImport is { } safe ? safe.ToLimit() : node.SafeImport,
        };
        model = model with { Nodes = [.. model.Nodes.Select(n => n.Id == nodeId ? changed : n)] };
        var errors = SiteValidator.Validate(model);
        return errors.Count > 0 ? Invalid(errors) : TypedResults.Ok(await StoreAsync(model, sites, dispatcher, time, ct));
    }

    private static Results<Ok<AllocationResult>, NotFound<ProblemDetailsBody>> GetAllocation(string id, SmartChargingDispatcher dispatcher) =>
        dispatcher.Allocate(id) is { } result ? TypedResults.Ok(result) : NotFound(id);

    private static async Task<SiteSummary> StoreAsync(SiteModel model, PgSiteRepository sites, SmartChargingDispatcher dispatcher, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var version = await sites.UpsertAsync(model.Id, SiteJson.Write(model), now, ct);
        await dispatcher.ApplySiteAsync(model, version, ct);
        return new SiteSummary(model.Id, version, now);
    }

    // One entry per element, each message naming its node/EVSE (the validator's wording).
    private static ValidationProblem Invalid(IReadOnlyList<SiteValidationError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.ElementId ?? "site").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: string.Join("; ", errors.Select(e => e.Message)),
            title: "Invalid site");

    private static NotFound<ProblemDetailsBody> NotFound(string id) =>
        TypedResults.NotFound(new ProblemDetailsBody("Not Found", $"Site '{id}' does not exist", 404));
}
