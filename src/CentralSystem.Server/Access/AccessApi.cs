using CentralSystem.Domain.Access;
using CentralSystem.Domain.Chargers;
using CentralSystem.Server.Api;
using CentralSystem.Storage.Repositories.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CentralSystem.Server.Access;

/// <summary>Operator API of scheduled managed access, under /api with the API key (see README.md beside this file).</summary>
public static partial class AccessApi
{
    public static IEndpointRouteBuilder MapAccessApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>();
        api.MapPut("/access-sites/{id}", PutSiteAsync);
        api.MapGet("/access-sites", async (PgAccessScheduleRepository schedules, CancellationToken ct) =>
            TypedResults.Ok((await schedules.ListSitesAsync(ct)).Select(ToView).ToList()));
        api.MapGet("/access-sites/{id}", GetSiteAsync);
        api.MapDelete("/access-sites/{id}", DeleteSiteAsync);
        api.MapPut("/chargers/{id}/access-schedule", PutChargerScheduleAsync);
        api.MapGet("/chargers/{id}/access-schedule", GetChargerScheduleAsync);
        api.MapDelete("/chargers/{id}/access-schedule", DeleteChargerScheduleAsync);
        api.MapGet("/chargers/{id}/access", GetChargerAccessAsync);
        api.MapPost("/chargers/{id}/remote-start", RemoteStartAsync);
        api.MapGet("/access-events", ListEventsAsync);
        MapVehicles(api);
        return endpoints;
    }

    private static async Task<Results<Ok<SiteView>, ValidationProblem>> PutSiteAsync(
        string id, SiteBody body, PgAccessScheduleRepository schedules, AccessModeCoordinator coordinator, AccessSessionObserver observer,
        TimeProvider time, CancellationToken ct)
    {
        var input = new AccessInput();
        input.Id(id, "id");
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            input.Add("name", "required");
        }

        var zone = input.TimeZone(body.TimeZone, "timeZone");
        var rules = body.DefaultMode is null && body.Rules is null ? null : input.Rules(body.DefaultMode, body.Rules);
        if (!input.IsValid)
        {
            return TypedResults.ValidationProblem(input.Errors);
        }

        var site = new AccessSiteRecord(id, body.Name!, zone!, rules, time.GetUtcNow());
        await schedules.UpsertSiteAsync(site, ct);
        foreach (var chargerId in await schedules.ListConfiguredChargersAsync(id, ct))
        {
            await ReconcileAndQueueAsync(chargerId, coordinator, observer, ct);
        }

        return TypedResults.Ok(ToView(site));
    }

    private static async Task<Results<Ok<SiteView>, NotFound<ProblemDetailsBody>>> GetSiteAsync(string id, PgAccessScheduleRepository schedules, CancellationToken ct) =>
        await schedules.FindSiteAsync(id, ct) is { } site ? TypedResults.Ok(ToView(site)) : NotFound("Site", id);

    private static async Task<Results<NoContent, NotFound<ProblemDetailsBody>, Conflict<ProblemDetailsBody>>> DeleteSiteAsync(
        string id, PgAccessScheduleRepository schedules, CancellationToken ct)
    {
        try
        {
            return await schedules.DeleteSiteAsync(id, ct) ? TypedResults.NoContent() : NotFound("Site", id);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return TypedResults.Conflict(new ProblemDetailsBody("Conflict", $"Site '{id}' still has chargers: move or delete their access schedules first", 409));
        }
    }

    private static async Task<Results<Ok<ChargerAccessView>, ValidationProblem, NotFound<ProblemDetailsBody>>> PutChargerScheduleAsync(
        string id, ChargerScheduleBody body, IChargerRepository chargers, PgAccessScheduleRepository schedules, AccessModeCoordinator coordinator,
        AccessSessionObserver observer, IAccessDecisionStore decisions, PgAccessStateRepository states, AccessTriggerScheduler triggers,
        TimeProvider time, CancellationToken ct)
    {
        if (await chargers.FindAsync(id, ct) is null)
        {
            return NotFound("Charger", id);
        }

        var input = new AccessInput();
        var siteId = input.Id(body.SiteId, "siteId", required: false);
        var site = siteId is null ? null : await schedules.FindSiteAsync(siteId, ct);
        if (siteId is not null && site is null)
        {
            input.Add("siteId", $"site '{siteId}' does not exist: create it with PUT /api/access-sites/{{id}}");
        }

        var inherit = body.InheritSiteSchedule ?? false;
        ScheduleRules? rules = null;
        string? zone = null;
        if (body.TimeZone is not null || site is null)
        {
            zone = input.TimeZone(body.TimeZone, "timeZone");
        }

        if (inherit)
        {
            if (siteId is null)
            {
                input.Add("inheritSiteSchedule", "needs a siteId");
            }
            else if (site is { Schedule: null })
            {
                input.Add("inheritSiteSchedule", $"site '{siteId}' has no schedule to inherit");
            }

            if (body.DefaultMode is not null || body.Rules is not null)
            {
                input.Add("rules", "a charger that inherits its site's schedule has no rules or defaultMode of its own");
            }
        }
        else
        {
            rules = input.Rules(body.DefaultMode, body.Rules);
        }

        if (!input.IsValid)
        {
            return TypedResults.ValidationProblem(input.Errors);
        }

        await schedules.UpsertChargerScheduleAsync(new ChargerScheduleRecord(id, siteId, zone, rules, time.GetUtcNow()), ct);
        await ReconcileAndQueueAsync(id, coordinator, observer, ct);
        return TypedResults.Ok(await DescribeAsync(id, decisions, states, triggers, time, ct));
    }

    private static async Task<Results<Ok<ChargerScheduleView>, NotFound<ProblemDetailsBody>>> GetChargerScheduleAsync(
        string id, PgAccessScheduleRepository schedules, CancellationToken ct) =>
        await schedules.FindChargerScheduleAsync(id, ct) is { } record
            ? TypedResults.Ok(new ChargerScheduleView(record.ChargerId, record.SiteId, record.TimeZone, record.Schedule is null,
                record.Schedule?.DefaultMode.ToString(), record.Schedule?.Rules.Select(AccessInput.View).ToList(), record.UpdatedAt))
            : NotFound("Access schedule of charger", id);

    private static async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> DeleteChargerScheduleAsync(
        string id, PgAccessScheduleRepository schedules, AccessModeCoordinator coordinator, CancellationToken ct)
    {
        if (!await schedules.DeleteChargerScheduleAsync(id, ct))
        {
            return NotFound("Access schedule of charger", id);
        }

        await coordinator.ReconcileAsync(id, "ScheduleDeleted", null, false, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ChargerAccessView>, NotFound<ProblemDetailsBody>>> GetChargerAccessAsync(
        string id, IChargerRepository chargers, IAccessDecisionStore decisions, PgAccessStateRepository states, AccessTriggerScheduler triggers,
        TimeProvider time, CancellationToken ct) =>
        await chargers.FindAsync(id, ct) is null
            ? NotFound("Charger", id)
            : TypedResults.Ok(await DescribeAsync(id, decisions, states, triggers, time, ct));

    private static async Task<ChargerAccessView> DescribeAsync(
        string id, IAccessDecisionStore decisions, PgAccessStateRepository states, AccessTriggerScheduler triggers, TimeProvider time, CancellationToken ct)
    {
        var effective = await decisions.FindEffectiveScheduleAsync(id, ct);
        var state = await states.FindAsync(id, ct);
        var stateView = state is null ? null : new ChargerModeStateView(state.DesiredMode.ToString(), state.DesiredRule, state.DesiredSince,
            state.AppliedMode?.ToString(), state.ApplyStatus.ToString(), state.ApplyDetail, state.ApplyAttemptedAt, state.LocalListVersion);
        if (effective is null)
        {
            return new ChargerAccessView(id, "None", null, null, null, null, null, null, null, null, stateView);
        }

        var now = time.GetUtcNow();
        var mode = AccessScheduleEvaluator.ModeAt(effective.Schedule, now);
        var next = AccessScheduleEvaluator.NextSwitchAfter(effective.Schedule, now);
        var modeChange = state is null ? "Pending" : AccessModeCoordinator.NeedsApply(state) && state.ApplyStatus != ApplyStatus.Rejected ? "Pending" : state.ApplyStatus.ToString();
        return new ChargerAccessView(id, effective.Source.ToString(), effective.SiteId, effective.Schedule.TimeZoneId, mode.Mode.ToString(), mode.RuleName,
            next?.At, next?.To.Mode.ToString(), await triggers.NextFireAsync(id, ct), modeChange, stateView);
    }

    private static async Task ReconcileAndQueueAsync(string chargerId, AccessModeCoordinator coordinator, AccessSessionObserver observer, CancellationToken ct)
    {
        // Record the new desired mode and next edge now (the answer shows them); talk to the charger off the request path.
        await coordinator.ReconcileAsync(chargerId, "ScheduleChanged", null, false, ct);
        observer.RequestApply(chargerId, TimeSpan.Zero);
    }

    private static SiteView ToView(AccessSiteRecord site) => new(
        site.Id, site.Name, site.TimeZone, site.Schedule?.DefaultMode.ToString(), site.Schedule?.Rules.Select(AccessInput.View).ToList(), site.UpdatedAt);

    private static NotFound<ProblemDetailsBody> NotFound(string what, string id) =>
        TypedResults.NotFound(new ProblemDetailsBody("Not Found", $"{what} '{id}' does not exist", 404));
}
