using System.Collections.Concurrent;
using System.Threading.Channels;
using CentralSystem.Domain.Chargers;
using CentralSystem.Domain.Events;
using CentralSystem.Domain.Metering;
using CentralSystem.Domain.Sessions;
using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Pipeline;
using CentralSystem.Ocpp.Transport;
using CentralSystem.Server.Events;
using CentralSystem.SmartCharging.SiteFormat;
using CentralSystem.SmartCharging.Topology;
using CentralSystem.Storage.Repositories.SmartCharging;
using Microsoft.Extensions.Options;

namespace CentralSystem.Server.SmartCharging;

/// <summary>
/// Smart-charging dispatch: keeps every site's live state (active sessions per EVSE, latest telemetry), recalculates a
/// site when something relevant changes (debounced) and periodically, and sends each charger only the limits that
/// changed (with hysteresis) as SetChargingProfile. All state sits behind one lock; calculations are short (the
/// calculator does 10k EVSEs in milliseconds), sends happen outside it, one sender per charger.
/// </summary>
public sealed partial class SmartChargingDispatcher : BackgroundService, IDomainEventSubscriber, IChargerSessionObserver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SiteEntry> _sites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _chargerSites = new(StringComparer.Ordinal);
    private readonly Dictionary<(string ChargerId, int EvseId), LiveSession> _sessions = [];
    private readonly Dictionary<(string ChargerId, int EvseId), LiveTelemetry> _telemetry = [];
    private readonly Dictionary<TargetKey, TargetState> _targets = [];

    // The same targets by charger: sends, boots and reconnects touch one charger and must not scan every EVSE of the fleet.
    private readonly Dictionary<string, List<TargetState>> _chargerTargets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _bootsDue = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _flushing = new(StringComparer.Ordinal);
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly PgSiteRepository _siteRepository;
    private readonly PgDispatchedProfileRepository _profileRepository;
    private readonly ISessionRepository _sessionRepository;
    private readonly OcppCommandClient _commands;
    private readonly ConnectionRegistry _connections;
    private readonly TimeProvider _time;
    private readonly SmartChargingOptions _options;
    private readonly ILogger<SmartChargingDispatcher> _logger;
    private readonly ISiteAllocationObserver[] _allocationObservers;

    public SmartChargingDispatcher(
        PgSiteRepository siteRepository,
        PgDispatchedProfileRepository profileRepository,
        ISessionRepository sessionRepository,
        OcppCommandClient commands,
        ConnectionRegistry connections,
        TimeProvider time,
        IOptions<SmartChargingOptions> options,
        ILogger<SmartChargingDispatcher> logger,
        IEnumerable<ISiteAllocationObserver> allocationObservers)
    {
        ArgumentNullException.ThrowIfNull(options);
        _siteRepository = siteRepository;
        _profileRepository = profileRepository;
        _sessionRepository = sessionRepository;
        _commands = commands;
        _connections = connections;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _allocationObservers = [.. allocationObservers];
    }

    /// <summary>
    /// Replaces (or adds) a site after an operator write or at startup; sessions already running on its chargers are
    /// read from the database, and its chargers are recalculated at once.
    /// </summary>
    public async Task ApplySiteAsync(SiteModel model, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var binding = SiteBinding.Build(model);
        var running = new List<((string, int) Key, LiveSession Session)>();
        foreach (var charger in binding.Chargers)
        {
            foreach (var session in await _sessionRepository.ListActiveAsync(charger.ChargePointId, cancellationToken))
            {
                running.Add(((charger.ChargePointId, EvseOf(session.EvseId, session.ConnectorId)), new LiveSession(session.TransactionId, session.StartedAt)));
            }
        }

        lock (_gate)
        {
            // Keep what the site's remaining chargers were sent (the hysteresis baseline), unless their strategy changed.
            var strategies = binding.Chargers.ToDictionary(c => c.ChargePointId, c => c.Strategy, StringComparer.Ordinal);
            RemoveSiteLocked(model.Id, t => strategies.TryGetValue(t.ChargerId, out var strategy) && Fits(t.Purpose, strategy));
            _sites[model.Id] = new SiteEntry(model, version, binding);
            foreach (var charger in binding.Chargers)
            {
                _chargerSites[charger.ChargePointId] = model.Id;

                // Already connected when the site is defined: install the safe default now, not at its next boot.
                var safe = charger.SafeProfile(_options.DefaultSafeCurrentA);
                if (_connections.TryGet(charger.ChargePointId, out _) && !_targets.ContainsKey(new TargetKey(charger.ChargePointId, 0, safe.Purpose)))
                {
                    _bootsDue.TryAdd(charger.ChargePointId, _time.GetUtcNow());
                }
            }

            foreach (var (key, session) in running)
            {
                _sessions.TryAdd(key, session);
            }

            _dirty.Add(model.Id);
        }

        Signal();
    }

    /// <summary>Charge points the site would bind that another site (or another node of it) already binds.</summary>
    public IReadOnlyList<SiteValidationError> BindingConflicts(SiteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new List<SiteValidationError>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var charger in SiteBinding.Build(model).Chargers)
            {
                if (!seen.TryAdd(charger.ChargePointId, charger.NodeId))
                {
                    errors.Add(new(charger.NodeId, $"charger '{charger.NodeId}': charge point '{charger.ChargePointId}' is already bound to node '{seen[charger.ChargePointId]}'"));
                }
                else if (_chargerSites.TryGetValue(charger.ChargePointId, out var other) && other != model.Id)
                {
                    errors.Add(new(charger.NodeId, $"charger '{charger.NodeId}': charge point '{charger.ChargePointId}' already belongs to site '{other}'"));
                }
            }
        }

        return errors;
    }

    public void RemoveSite(string siteId)
    {
        lock (_gate)
        {
            RemoveSiteLocked(siteId);
        }
    }

    public ValueTask HandleAsync(IReadOnlyList<DomainEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var any = false;
        lock (_gate)
        {
            foreach (var e in batch)
            {
                // Access-mode evaluations (dashboard) change nothing the calculator looks at.
                if (e is Dashboard.AccessModeEvaluated || !_chargerSites.TryGetValue(e.ChargerId, out var siteId))
                {
                    continue;
                }

                switch (e)
                {
                    case SessionStarted started:
                        _sessions[(e.ChargerId, EvseOf(started.Session.EvseId, started.Session.ConnectorId))] =
                            new LiveSession(started.Session.TransactionId, started.Session.StartedAt);
                        break;
                    case SessionEnded ended:
                        EndSessionLocked(e.ChargerId, ended.TransactionId);
                        break;
                    case MeterValuesReceived meter:
                        if (Telemetry(meter) is { } telemetry)
                        {
                            _telemetry[(e.ChargerId, EvseOf(meter.EvseId, meter.ConnectorId))] = telemetry;
                        }

                        break;
                }

                // Status and connection changes, too: a faulted or vanished charger changes what the others may take.
                _dirty.Add(siteId);
                any = true;
            }
        }

        if (any)
        {
            Signal();
        }

        return ValueTask.CompletedTask;
    }

    public void OnConnected(string chargerId, OcppVersion version)
    {
        // A charger back without rebooting (network loss) kept its profiles, but whatever failed while it was away
        // (refreshes, changes) is due soon rather than at the end of its backoff; after a grace period, so that a
        // charger that is about to send BootNotification is not called before it is accepted (2.0.1 use case B01).
        lock (_gate)
        {
            var now = _time.GetUtcNow().AddMilliseconds(2 * _options.BootDelayMilliseconds);
            foreach (var t in TargetsOfLocked(chargerId).Where(t => t.Status != "Accepted" && t.Desired is not null))
            {
                t.DueAt = now;
            }
        }
    }

    public void OnBooted(string chargerId, OcppVersion version, ChargerRegistrationStatus status)
    {
        if (status != ChargerRegistrationStatus.Accepted)
        {
            return;
        }

        // Never call the charger from here: its BootNotification answer has not gone out yet. The loop installs the
        // safe default (and re-sends what the charger should hold: a reboot may have cleared it) after the delay.
        lock (_gate)
        {
            if (_chargerSites.ContainsKey(chargerId))
            {
                _bootsDue[chargerId] = _time.GetUtcNow().AddMilliseconds(_options.BootDelayMilliseconds);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LoadAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLoadFailed(ex);
        }
        finally
        {
            _loaded.TrySetResult();
        }

        var lastFull = _time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var signalled = false;
            using (var tick = new CancellationTokenSource(TimeSpan.FromSeconds(1), _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(tick.Token, stoppingToken))
            {
                try
                {
                    signalled = await _signal.Reader.ReadAsync(linked.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The 1 s tick: retries, refreshes and boots that became due.
                }
            }

            if (signalled)
            {
                // Debounce: a burst of meter values or several sessions starting together become one recalculation.
                await Task.Delay(TimeSpan.FromMilliseconds(_options.DebounceMilliseconds), _time, stoppingToken);
            }

            var now = _time.GetUtcNow();
            if (now - lastFull >= TimeSpan.FromSeconds(_options.PeriodicSeconds))
            {
                lastFull = now;
                lock (_gate)
                {
                    _dirty.UnionWith(_sites.Keys);
                }
            }

            try
            {
                RunPass(now);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(ex);
            }

            StartDueFlushes(now, stoppingToken);
            StartDueProbes(stoppingToken);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var record in await _siteRepository.ListAsync(cancellationToken))
        {
            SiteModel model;
            try
            {
                model = SiteJson.Parse(record.Document) with { Id = record.Id };
            }
            catch (SiteValidationException ex)
            {
                LogStoredSiteInvalid(record.Id, ex.Message);
                continue;
            }

            await ApplySiteAsync(model, record.Version, cancellationToken);
        }
    }

    /// <summary>Completes once the stored sites and active sessions are loaded (tests, API reads right after start).</summary>
    public Task Loaded => _loaded.Task;

    private void Signal() => _signal.Writer.TryWrite(true);

    private static bool Fits(DispatchPurpose purpose, DispatchStrategy strategy) =>
        strategy == DispatchStrategy.Charger
            ? purpose is DispatchPurpose.StationMax or DispatchPurpose.SafeStationMax
            : purpose is DispatchPurpose.TxProfile or DispatchPurpose.SafeTxDefault;

    private void RemoveSiteLocked(string siteId, Func<TargetKey, bool>? keep = null)
    {
        if (!_sites.Remove(siteId, out var old))
        {
            return;
        }

        foreach (var charger in old.Binding.Chargers)
        {
            if (_chargerSites.TryGetValue(charger.ChargePointId, out var s) && s == siteId)
            {
                _chargerSites.Remove(charger.ChargePointId);
            }
        }

        foreach (var key in _targets.Where(t => t.Value.SiteId == siteId && keep?.Invoke(t.Key) != true).Select(t => t.Key).ToList())
        {
            RemoveTargetLocked(key);
        }
    }

    private void EndSessionLocked(string chargerId, string transactionId)
    {
        foreach (var key in _sessions.Where(s => s.Key.ChargerId == chargerId && s.Value.TransactionId == transactionId).Select(s => s.Key).ToList())
        {
            _sessions.Remove(key);
            _telemetry.Remove(key);

            // A TxProfile lives only as long as its transaction; the charger drops it, so forget ours too.
            RemoveTargetLocked(new TargetKey(chargerId, key.EvseId, DispatchPurpose.TxProfile));
        }
    }

    private List<TargetState> TargetsOfLocked(string chargerId) =>
        _chargerTargets.TryGetValue(chargerId, out var list) ? list : [];

    private void RemoveTargetLocked(TargetKey key)
    {
        if (_targets.Remove(key, out var target) && _chargerTargets.TryGetValue(key.ChargerId, out var list))
        {
            list.Remove(target);
            if (list.Count == 0)
            {
                _chargerTargets.Remove(key.ChargerId);
            }
        }
    }

    private static int EvseOf(int? evseId, int? connectorId) => evseId ?? connectorId ?? 1;

    private static LiveTelemetry? Telemetry(MeterValuesReceived meter)
    {
        var sample = meter.Samples.OrderBy(s => s.Timestamp).LastOrDefault();
        if (sample is null)
        {
            return null;
        }

        double? l1 = null, l2 = null, l3 = null, total = null, power = null;
        foreach (var v in sample.Values)
        {
            if (v.Measurand == "Current.Import")
            {
                var value = (double)v.Value;
                switch (v.Phase)
                {
                    case "L1" or "L1-N": l1 = value; break;
                    case "L2" or "L2-N": l2 = value; break;
                    case "L3" or "L3-N": l3 = value; break;
                    case null: total = value; break;
                }
            }
            else if (v.Measurand == "Power.Active.Import" && v.Phase is null)
            {
                power = string.Equals(v.Unit, "kW", StringComparison.OrdinalIgnoreCase) ? (double)v.Value * 1000 : (double)v.Value;
            }
        }

        PhaseValues? current = l1 is null && l2 is null && l3 is null
            ? total is { } t ? PhaseValues.Uniform(t) : null
            : new PhaseValues(l1 ?? 0, l2 ?? 0, l3 ?? 0);
        return current is null && power is null ? null : new LiveTelemetry(sample.Timestamp, current, power);
    }
}
