using CentralSystem.Domain.Authorization;

namespace CentralSystem.Domain.Access;

/// <summary>
/// The one place OCPP handlers and the operator API ask "may this identifier charge here, now?". Wraps the id-token
/// list (<see cref="AuthorizationService"/>), evaluates the charger's schedule at the instant of the request (so the
/// CSMS answer enforces the mode even when the charger-side switch failed), and records every attempt on a
/// scheduled charger as an access decision event before answering.
/// </summary>
public sealed class AccessControlService(AuthorizationService authorization, IAccessDecisionStore store)
{
    public async Task<AccessDecision> DecideAsync(AccessRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await authorization.AuthorizeAsync(request.Identifier, now, cancellationToken);
        var effective = await store.FindEffectiveScheduleAsync(request.ChargerId, cancellationToken);
        if (effective is null)
        {
            // Feature off for this charger: one extra indexed read, no vehicle lookup, no event.
            return AccessDecision.Unscheduled(token, null);
        }

        var match = await store.FindIdentifierAsync(IdentifierKey.Normalize(request.Identifier), cancellationToken);

        var schedule = effective.Schedule;
        var mode = AccessScheduleEvaluator.ModeAt(schedule, now);
        var verdict = AccessPolicy.Decide(mode, token, match, request.ChargerId, effective.SiteId, now);
        var next = AccessScheduleEvaluator.NextSwitchAfter(schedule, now);

        // A cached Accepted must lapse at the next switch (or the agreement's end), whichever comes first.
        DateTimeOffset? cacheExpiry = verdict.Allowed ? Earliest(token.ExpiresAt, next?.At, match?.Agreement?.ValidTo) : null;
        var message = verdict.DeniedByAccessRules ? DenialMessage.For(verdict.Reason, next, schedule.Zone, now) : null;
        var decision = new AccessDecision(verdict, token, mode, cacheExpiry, message, match);

        if (request.Record)
        {
            await store.RecordEventAsync(
                new AccessEvent(now, request.ChargerId, request.EvseId, request.ConnectorId, request.Identifier, request.IdentifierType,
                    verdict.Class, verdict.Allowed, verdict.Reason, mode.Mode, mode.RuleName, request.Protocol, request.Trigger,
                    match?.VehicleId, match?.Agreement?.Id),
                cancellationToken);
        }

        return decision;
    }

    private static DateTimeOffset? Earliest(params DateTimeOffset?[] instants)
    {
        DateTimeOffset? earliest = null;
        foreach (var instant in instants)
        {
            if (instant is { } value && (earliest is null || value < earliest))
            {
                earliest = value;
            }
        }

        return earliest;
    }
}
