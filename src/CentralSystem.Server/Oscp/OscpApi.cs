using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CentralSystem.Oscp;
using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Http;
using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Registration;
using CentralSystem.Oscp.Validation;
using CentralSystem.Server.Api;
using CentralSystem.Server.Auth;
using CentralSystem.SmartCharging.SiteFormat;
using CentralSystem.Storage.Repositories.SmartCharging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CentralSystem.Server.Oscp;

/// <summary>
/// Operator API for OSCP: create a capacity provider (issuing its first token), bind its group_ids to nodes of a
/// site, see peer state and outbound traffic, each group's envelope timeline and compliance, and ask the provider for
/// different capacity (AdjustGroupCapacityForecast).
/// </summary>
public static partial class OscpApi
{
    public static IEndpointRouteBuilder MapOscpApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/oscp").AddEndpointFilter<ApiKeyFilter>();
        api.MapPost("/peers", CreatePeerAsync).WithMetadata(new AdminOnlyAttribute());
        api.MapGet("/peers", (OscpFlexibilityProvider provider, TimeProvider time) =>
            TypedResults.Ok(provider.Registry.PeerIds().Select(id => ToView(provider, id, time.GetUtcNow())).ToList()));
        api.MapGet("/peers/{peerId}", GetPeerAsync);
        api.MapDelete("/peers/{peerId}", DeletePeerAsync).WithMetadata(new AdminOnlyAttribute());
        api.MapPut("/peers/{peerId}/profile", SetProfileAsync).WithMetadata(new AdminOnlyAttribute());
        api.MapPut("/peers/{peerId}/groups/{groupId}", BindGroupAsync).WithMetadata(new AdminOnlyAttribute());
        api.MapDelete("/peers/{peerId}/groups/{groupId}", UnbindGroupAsync).WithMetadata(new AdminOnlyAttribute());
        api.MapGet("/groups", ListGroupsAsync);
        api.MapGet("/groups/{groupId}", GetGroupAsync);
        api.MapPost("/groups/{groupId}/adjust", AdjustAsync);
        return endpoints;
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex IdPattern();

    private static async Task<Results<Created<CreatedPeerView>, ValidationProblem, Conflict<ProblemDetailsBody>>> CreatePeerAsync(
        CreatePeerBody body, OscpFlexibilityProvider provider, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.PeerId is null || !IdPattern().IsMatch(body.PeerId))
        {
            errors["peerId"] = ["required: 1-64 characters of letters, digits, '.', '_', ':' or '-'"];
        }

        var role = OscpPeerRole.CapacityProvider;
        if (body.Role is not null && !Enum.TryParse(body.Role, ignoreCase: false, out role))
        {
            errors["role"] = [$"must be one of {string.Join(", ", Enum.GetNames<OscpPeerRole>())}"];
        }

        ValidateProfile(body.Profile, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (provider.Registry.Exists(body.PeerId!))
        {
            return TypedResults.Conflict(new ProblemDetailsBody("Conflict", $"OSCP peer '{body.PeerId}' already exists", 409));
        }

        var token = await provider.CreatePeerAsync(body.PeerId!, role, ct);
        if (body.Profile is { } profile)
        {
            await provider.SetProfileAsync(body.PeerId!, profile, ct);
        }

        var registerUrl = new Uri($"{provider.Options.OurBaseUrl.ToString().TrimEnd('/')}/{OscpPaths.Register}");
        return TypedResults.Created($"/api/oscp/peers/{body.PeerId}", new CreatedPeerView(body.PeerId!, role.ToString(), token, registerUrl));
    }

    private static async Task<Results<Ok<PeerView>, NotFound<ProblemDetailsBody>>> GetPeerAsync(
        string peerId, OscpFlexibilityProvider provider, PgOscpStateStore store, TimeProvider time, CancellationToken ct)
    {
        if (!provider.Registry.Exists(peerId))
        {
            return PeerNotFound(peerId);
        }

        return TypedResults.Ok(ToView(provider, peerId, time.GetUtcNow()) with { Outbound = await store.RecentOutboundAsync(peerId, 20, ct) });
    }

    private static async Task<Results<Ok<OscpPeerProfile>, NotFound<ProblemDetailsBody>, ValidationProblem>> SetProfileAsync(
        string peerId, OscpPeerProfile body, OscpFlexibilityProvider provider, CancellationToken ct)
    {
        if (!provider.Registry.Exists(peerId))
        {
            return PeerNotFound(peerId);
        }

        var errors = new Dictionary<string, string[]>();
        ValidateProfile(body, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await provider.SetProfileAsync(peerId, body, ct);
        return TypedResults.Ok(body);
    }

    // The acknowledge path is appended to the peer's base URL: only the spellings seen in the wild (digest §12 Q1).
    private static void ValidateProfile(OscpPeerProfile? profile, Dictionary<string, string[]> errors)
    {
        string[] paths = [OscpPaths.HandshakeAcknowledge, "handshake_acknowledgment", "handshake_acknowledgement"];
        if (profile is not null && !paths.Contains(profile.HandshakeAcknowledgePath))
        {
            errors["profile.handshakeAcknowledgePath"] = [$"must be one of {string.Join(", ", paths)}"];
        }
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> DeletePeerAsync(string peerId, OscpFlexibilityProvider provider, CancellationToken ct)
    {
        if (!provider.Registry.Exists(peerId))
        {
            return PeerNotFound(peerId);
        }

        await provider.DeletePeerAsync(peerId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<GroupBindingView>, NotFound<ProblemDetailsBody>, ValidationProblem, Conflict<ProblemDetailsBody>>> BindGroupAsync(
        string peerId, string groupId, BindGroupBody body, OscpFlexibilityProvider provider, PgSiteRepository sites, CancellationToken ct)
    {
        if (!provider.Registry.Exists(peerId))
        {
            return PeerNotFound(peerId);
        }

        var errors = new Dictionary<string, string[]>();
        if (!IdPattern().IsMatch(groupId))
        {
            errors["groupId"] = ["1-64 characters of letters, digits, '.', '_', ':' or '-'"];
        }

        if (string.IsNullOrWhiteSpace(body.SiteId))
        {
            errors["siteId"] = ["required"];
        }
        else if (await sites.FindAsync(body.SiteId, ct) is not { } site)
        {
            errors["siteId"] = [$"site '{body.SiteId}' does not exist"];
        }
        else if (string.IsNullOrWhiteSpace(body.NodeId))
        {
            errors["nodeId"] = ["required"];
        }
        else if (SiteJson.Parse(site.Document).Nodes.All(n => n.Id != body.NodeId))
        {
            errors["nodeId"] = [$"site '{body.SiteId}' has no node '{body.NodeId}'"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (provider.Registry.PeerOfGroup(groupId) is { } owner && owner != peerId)
        {
            return TypedResults.Conflict(new ProblemDetailsBody("Conflict", $"group '{groupId}' is bound to peer '{owner}'", 409));
        }

        var binding = new OscpGroupBinding(groupId, body.SiteId!, body.NodeId!);
        await provider.BindGroupAsync(peerId, binding, ct);
        return TypedResults.Ok(new GroupBindingView(groupId, binding.SiteId, binding.NodeId));
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetailsBody>>> UnbindGroupAsync(
        string peerId, string groupId, OscpFlexibilityProvider provider, CancellationToken ct)
    {
        if (!provider.Registry.Exists(peerId))
        {
            return PeerNotFound(peerId);
        }

        return await provider.UnbindGroupAsync(peerId, groupId, ct)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(new ProblemDetailsBody("Not Found", $"group '{groupId}' is not bound to peer '{peerId}'", 404));
    }

    private static async Task<Ok<List<GroupView>>> ListGroupsAsync(OscpFlexibilityProvider provider, OscpComplianceMonitor compliance, CancellationToken ct)
    {
        var views = new List<GroupView>();
        foreach (var peerId in provider.Registry.PeerIds())
        {
            foreach (var groupId in provider.Registry.Snapshot(peerId).Groups.Keys.Order(StringComparer.Ordinal))
            {
                if (await provider.ViewAsync(groupId, ct) is { } view)
                {
                    views.Add(ToView(view, compliance));
                }
            }
        }

        return TypedResults.Ok(views);
    }

    private static async Task<Results<Ok<GroupView>, NotFound<ProblemDetailsBody>>> GetGroupAsync(
        string groupId, OscpFlexibilityProvider provider, OscpComplianceMonitor compliance, CancellationToken ct) =>
        await provider.ViewAsync(groupId, ct) is { } view
            ? TypedResults.Ok(ToView(view, compliance))
            : TypedResults.NotFound(new ProblemDetailsBody("Not Found", $"OSCP group '{groupId}' is not bound", 404));

    private static async Task<Results<Accepted<AdjustAcceptedView>, ValidationProblem, NotFound<ProblemDetailsBody>, Conflict<ProblemDetailsBody>>> AdjustAsync(
        string groupId, AdjustBody body, OscpFlexibilityProvider provider, CancellationToken ct)
    {
        if (provider.Registry.PeerOfGroup(groupId) is not { } peerId)
        {
            return TypedResults.NotFound(new ProblemDetailsBody("Not Found", $"OSCP group '{groupId}' is not bound", 404));
        }

        // The request is validated exactly as the provider will read it: the OSCP reader's message names the field.
        var wire = new JsonObject
        {
            ["group_id"] = groupId,
            ["type"] = body.Type,
            ["forecasted_blocks"] = body.ForecastedBlocks is { } blocks ? JsonNode.Parse(blocks.GetRawText()) : null,
        };
        var read = OscpMessageReader.Read(OscpMessageKind.AdjustGroupCapacityForecast, Encoding.UTF8.GetBytes(wire.ToJsonString()));
        if (!read.IsValid || read.Message is not GroupCapacityForecastMessage request)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [read.Error ?? "invalid"] });
        }

        if (!provider.IsReachable(peerId))
        {
            return TypedResults.Conflict(new ProblemDetailsBody("Conflict", $"OSCP peer '{peerId}' has not registered yet", 409));
        }

        var requestId = await provider.RequestAdjustmentAsync(request, ct);
        return TypedResults.Accepted($"/api/oscp/groups/{groupId}", new AdjustAcceptedView(requestId));
    }

    private static NotFound<ProblemDetailsBody> PeerNotFound(string peerId) =>
        TypedResults.NotFound(new ProblemDetailsBody("Not Found", $"OSCP peer '{peerId}' does not exist", 404));

    private static PeerView ToView(OscpFlexibilityProvider provider, string peerId, DateTimeOffset now)
    {
        var p = provider.Registry.Snapshot(peerId);
        var offline = p.State == OscpPeerState.Active && p.OfflineModeAt is { } at && now > at + provider.Options.Envelopes.OfflineSkew;
        return new PeerView(
            p.PeerId, p.Role.ToString(), offline ? "Offline" : p.State.ToString(), !offline && p.State == OscpPeerState.Active,
            p.Version, p.BaseUrl, p.RequiredOfUs?.HeartbeatIntervalSeconds,
            [.. (p.RequiredOfUs?.MeasurementConfiguration ?? []).Select(m => OscpWireNames.Measurement.ToWire(m))],
            p.LastHeartbeatAt, p.OfflineModeAt, p.NeedsAttention,
            [.. p.Groups.Values.OrderBy(g => g.GroupId, StringComparer.Ordinal).Select(g => new GroupBindingView(g.GroupId, g.SiteId, g.NodeId))])
        {
            Profile = p.Profile,
        };
    }

    private static GroupView ToView(GroupEnvelopeView view, OscpComplianceMonitor compliance) => OscpGroupViews.From(view, compliance.Of(view.GroupId));
}
