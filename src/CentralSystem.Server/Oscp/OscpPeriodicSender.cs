using CentralSystem.Oscp;
using CentralSystem.Oscp.Messages;
using CentralSystem.Server.SmartCharging;
using Microsoft.Extensions.Options;

namespace CentralSystem.Server.Oscp;

/// <summary>
/// What we owe capacity providers on a clock: Heartbeats at the interval each one asked of us (digest §3.3; only if it
/// asked), and UpdateGroupMeasurements for every bound group at the configured interval (digest §5.1). Group energy
/// is the measured import below the bound node integrated over time: one CONTINUOUS register per group that never
/// resets, persisted so a restart does not reset it either.
/// </summary>
public sealed partial class OscpPeriodicSender(
    OscpFlexibilityProvider provider,
    OscpEnvelopeBridge bridge,
    SmartChargingDispatcher dispatcher,
    PgOscpStateStore store,
    TimeProvider time,
    IOptions<OscpHostOptions> options,
    ILogger<OscpPeriodicSender> logger) : BackgroundService
{
    // Fine enough that a heartbeat every N s goes out within a quarter second of its due time.
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<string, DateTimeOffset> _lastHeartbeat = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupMeter> _meters = new(StringComparer.Ordinal);
    private DateTimeOffset _lastOverdueSweep;
    private DateTimeOffset _lastSample;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await dispatcher.Loaded.WaitAsync(stoppingToken);
        var saved = await store.LoadGroupEnergyAsync(stoppingToken);
        foreach (var (groupId, energyWh) in saved)
        {
            _meters[groupId] = new GroupMeter { EnergyWh = energyWh };
        }

        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogTickFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _lastOverdueSweep >= TimeSpan.FromSeconds(5))
        {
            _lastOverdueSweep = now;

            // Safety net under the Quartz edge triggers: a group whose next edge passed unnoticed is evaluated now.
            foreach (var view in bridge.Latest.Where(v => v.NextEdge is { } edge && now - edge > TimeSpan.FromSeconds(2)))
            {
                await provider.EvaluateGroupAsync(view.GroupId, cancellationToken);
            }
        }

        var measurementInterval = TimeSpan.FromSeconds(Math.Max(1, options.Value.MeasurementIntervalSeconds));

        // The fine tick is for heartbeat timing; group power is sampled once a second, which is plenty for energy.
        var sample = now - _lastSample >= TimeSpan.FromSeconds(1);
        if (sample)
        {
            _lastSample = now;
        }

        foreach (var peerId in provider.Registry.PeerIds())
        {
            if (!provider.IsReachable(peerId))
            {
                continue;
            }

            var peer = provider.Registry.Snapshot(peerId);
            if (peer.RequiredOfUs?.HeartbeatIntervalSeconds is { } seconds)
            {
                // Due times advance by the interval (not from when the tick happened), so the period does not drift late.
                var interval = TimeSpan.FromSeconds(seconds);
                var due = _lastHeartbeat.TryGetValue(peerId, out var last) ? last + interval : now;
                if (now >= due)
                {
                    // Digest §3.3 [R]: offline_mode_at = now + 2 × interval, plus a few seconds.
                    provider.SendTransient(peerId, OscpMessageKind.Heartbeat, new HeartbeatMessage(now + TimeSpan.FromSeconds((2 * seconds) + 5)));
                    _lastHeartbeat[peerId] = now - due > interval ? now : due;
                }
            }

            // Digest §5.1: an INTERMITTENT reading must say since when it counts.
            var intermittent = peer.RequiredOfUs?.MeasurementConfiguration.Contains(MeasurementConfiguration.Intermittent) == true;
            foreach (var binding in peer.Profile.SendMeasurements ? peer.Groups.Values : [])
            {
                if (!_meters.TryGetValue(binding.GroupId, out var meter))
                {
                    meter = new GroupMeter();
                    _meters[binding.GroupId] = meter;
                }

                if (sample)
                {
                    meter.Advance(now, dispatcher.MeasuredPowerW(binding.SiteId, binding.NodeId) ?? 0);
                }

                meter.FirstSeen ??= now;
                if (meter.LastSent is { } sent && now - sent < measurementInterval)
                {
                    continue;
                }

                meter.LastSent = meter.LastSent is { } previous && now - previous < 2 * measurementInterval ? previous + measurementInterval : now;
                var measurement = new EnergyMeasurement(
                    Math.Round(meter.EnergyWh, 3), PhaseIndicator.All, EnergyMeasurementUnit.WH, EnergyFlowDirection.Import,
                    EnergyType.Total, now, intermittent ? meter.FirstSeen : null);
                provider.SendTransient(peerId, OscpMessageKind.UpdateGroupMeasurements, new UpdateGroupMeasurementsMessage(binding.GroupId, [measurement]));
                await store.SaveGroupEnergyAsync(binding.GroupId, meter.EnergyWh, now, cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "OSCP periodic heartbeats/measurements failed this tick")]
    private partial void LogTickFailed(Exception exception);

    private sealed class GroupMeter
    {
        public double EnergyWh { get; set; }

        public DateTimeOffset? LastSent { get; set; }

        public DateTimeOffset? FirstSeen { get; set; }

        private DateTimeOffset? _lastAt;
        private double _lastPowerW;

        /// <summary>Trapezoidal integration of the measured power between ticks.</summary>
        public void Advance(DateTimeOffset now, double powerW)
        {
            if (_lastAt is { } last && now > last)
            {
                EnergyWh += (_lastPowerW + powerW) / 2 * (now - last).TotalHours;
            }

            _lastAt = now;
            _lastPowerW = powerW;
        }
    }
}
