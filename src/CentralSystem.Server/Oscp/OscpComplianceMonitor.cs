using System.Collections.Concurrent;
using System.Globalization;
using CentralSystem.Oscp;
using CentralSystem.Server.SmartCharging;
using CentralSystem.SmartCharging.Allocation;
using Microsoft.Extensions.Options;

namespace CentralSystem.Server.Oscp;

/// <summary>
/// Compares, after every site recalculation, each bound group's measured import with what its envelope allows
/// (operators see it) and tells the capacity provider when we cannot comply (digest §4.3, §8.4): when the load we
/// cannot shed (non-EV site load) alone exceeds the envelope, when running sessions are paused because their minimum
/// currents do not fit in it (Oscp:ReportPausedSessions), or when the measured load stays above it longer than
/// the grace period chargers need to apply new profiles. One compliance error per forecast.
/// </summary>
public sealed partial class OscpComplianceMonitor(
    OscpFlexibilityProvider provider,
    OscpAllocationFeed feed,
    OscpEnvelopeBridge bridge,
    OscpGroupChanges changes,
    SmartChargingDispatcher dispatcher,
    TimeProvider time,
    IOptions<OscpHostOptions> options,
    ILogger<OscpComplianceMonitor> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, OscpGroupCompliance> _compliance = new(StringComparer.Ordinal);

    public OscpGroupCompliance? Of(string groupId) => _compliance.GetValueOrDefault(groupId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                foreach (var (siteId, result) in await feed.NextAsync(stoppingToken))
                {
                    try
                    {
                        await CheckSiteAsync(siteId, result, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogCheckFailed(ex, siteId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckSiteAsync(string siteId, AllocationResult result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var view in bridge.Latest)
        {
            if (view.Binding is not { } binding || binding.SiteId != siteId)
            {
                continue;
            }

            var node = result.Nodes.FirstOrDefault(n => n.NodeId == binding.NodeId);
            var allowedW = view.Timeline.FirstOrDefault(s => s.From <= now && now < s.To)?.Import.PowerW;
            var measuredW = dispatcher.MeasuredPowerW(siteId, binding.NodeId);
            if (allowedW is not { } allowed || node is null)
            {
                var unconstrained = new OscpGroupCompliance(view.GroupId, now, measuredW, allowedW, true);
                if (_compliance.GetValueOrDefault(view.GroupId) is not { AllowedW: null, Compliant: true })
                {
                    changes.Mark(view.GroupId);
                }

                _compliance[view.GroupId] = unconstrained;
                continue;
            }

            string? reason = null;
            var previous = _compliance.GetValueOrDefault(view.GroupId);
            DateTimeOffset? exceededSince = null;
            var paused = options.Value.ReportPausedSessions ? PausedByEnvelope(result, view.GroupId) : 0;
            if (node.FixedPowerW > allowed)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"non-EV load below {binding.NodeId} is {node.FixedPowerW:0} W, above the {allowed:0} W allowed; it cannot be shed");
            }
            else if (paused > 0)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"{paused} running session(s) below {binding.NodeId} cannot get their minimum current within the {allowed:0} W allowed and are paused");
            }
            else if (measuredW > allowed)
            {
                exceededSince = previous?.ExceededSince ?? now;
                if (now - exceededSince >= TimeSpan.FromSeconds(options.Value.ComplianceGraceSeconds))
                {
                    reason = string.Create(CultureInfo.InvariantCulture, $"measured {measuredW:0} W below {binding.NodeId} has exceeded the {allowed:0} W allowed since {exceededSince:O}");
                }
            }

            var current = new OscpGroupCompliance(view.GroupId, now, measuredW, allowed, reason is null && exceededSince is null)
            {
                Reason = reason,
                ExceededSince = exceededSince,
            };
            _compliance[view.GroupId] = current;
            if (previous is null || previous.Compliant != current.Compliant || previous.AllowedW != current.AllowedW
                || Math.Abs((previous.MeasuredW ?? 0) - (measuredW ?? 0)) >= 100)
            {
                changes.Mark(view.GroupId);
            }
            if (reason is not null && await provider.ReportNonComplianceAsync(view.GroupId, reason, cancellationToken) is { } requestId)
            {
                LogNonCompliance(view.GroupId, reason, requestId);
            }
        }
    }

    // Digest §8.4: a budget below the sessions' minimum currents cannot be met; the calculator then pauses sessions, and
    // their exclusion names the refusing envelope (ids are "oscp:{peer}:{group}:{request}:{quality}").
    private static int PausedByEnvelope(AllocationResult result, string groupId) =>
        result.Evses.Count(e => !e.Admitted && e.Lineage.Count > 0 && e.Lineage[0].Kind == LimitKind.MinimumCurrentExclusion
            && e.Lineage[0].EnvelopeId?.Contains($":{groupId}:", StringComparison.Ordinal) == true);

    [LoggerMessage(EventId = 7401, Level = LogLevel.Warning, Message = "OSCP group {GroupId} cannot comply: {Reason}; compliance error {RequestId} queued")]
    private partial void LogNonCompliance(string groupId, string reason, string requestId);

    [LoggerMessage(EventId = 7402, Level = LogLevel.Warning, Message = "OSCP compliance check of site {SiteId} failed")]
    private partial void LogCheckFailed(Exception exception, string siteId);
}
