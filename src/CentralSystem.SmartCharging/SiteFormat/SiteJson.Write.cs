using System.Text.Json;
using CentralSystem.SmartCharging.SiteFormat.Dto;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.SiteFormat;

public static partial class SiteJson
{
    private static readonly JsonSerializerOptions WriteOptions = new(Options) { WriteIndented = true };

    /// <summary>
    /// Writes a site in the same format <see cref="Parse"/> reads (defaults included explicitly), so a site defined
    /// through the API can be stored, exported and re-imported unchanged.
    /// </summary>
    public static string Write(SiteModel site) => JsonSerializer.Serialize(ToDocument(site), WriteOptions);

    private static SiteDocument ToDocument(SiteModel site) => new()
    {
        Id = site.Id,
        At = site.At,
        Settings = new SettingsDto
        {
            NominalVoltageV = site.Settings.NominalVoltageV,
            TelemetryMaxAge = site.Settings.TelemetryMaxAge,
            StaleDemand = site.Settings.StaleDemand,
            PhaseAware = site.Settings.PhaseAware,
            NetExportAgainstImport = site.Settings.NetExportAgainstImport,
            MeasuredDemandHeadroomA = site.Settings.MeasuredDemandHeadroomA,
            CarbonWeight = site.Settings.CarbonWeight,
            PhaseSwitching = new PhaseSwitchingDto
            {
                Mode = site.Settings.PhaseSwitching.Mode,
                MaxSwitchesPerSession = site.Settings.PhaseSwitching.MaxSwitchesPerSession,
                Stickiness = site.Settings.PhaseSwitching.Stickiness,
                PowerHysteresisW = site.Settings.PhaseSwitching.PowerHysteresisW,
                TimeHysteresis = site.Settings.PhaseSwitching.TimeHysteresis,
            },
        },
        Nodes = [.. site.Nodes.Select(n => new NodeDto
        {
            Id = n.Id,
            Parent = n.ParentId,
            Kind = n.Kind,
            Name = n.Name,
            Import = LimitDto(n.Import),
            Export = LimitDto(n.Export),
            SafeImport = n.SafeImport is { } safe ? LimitDto(safe) : null,
            GridPhases = n.GridPhases?.ToList(),
            Supply = n.Supply,
            Efficiency = n.Efficiency,
            RateUnit = n.RateUnit,
            ChargePointId = n.ChargePointId,
            Strategy = n.Strategy,
        })],
        Evses = [.. site.Evses.Select(e => new EvseDto
        {
            Id = e.Id,
            Parent = e.ParentId,
            Supply = e.Supply,
            Phases = e.Phases,
            GridPhases = e.GridPhases?.ToList(),
            MinCurrentA = e.MinCurrentA,
            MaxCurrentA = e.MaxCurrentA,
            MinPowerW = e.MinPowerW,
            MaxPowerW = e.MaxPowerW,
            MaxInputCurrentA = e.MaxInputCurrentA,
            Efficiency = e.Efficiency,
            CanSwitchPhases = e.CanSwitchPhases,
            RateUnit = e.RateUnit,
            EvseId = e.OcppEvseId,
            Session = e.Session is { } s ? new SessionDto
            {
                VehicleId = s.VehicleId,
                Direction = s.Direction,
                MaxCurrentA = s.MaxCurrentA,
                MaxPowerW = s.MaxPowerW,
                Phases = s.Phases,
                EnergyNeededWh = s.EnergyNeededWh,
                DepartureAt = s.DepartureAt,
                Priority = s.Priority,
                Weight = s.Weight,
                StartedAt = s.StartedAt,
            } : null,
            Telemetry = e.Telemetry is { } t ? new TelemetryDto
            {
                MeasuredAt = t.MeasuredAt,
                CurrentA = t.CurrentA,
                PowerW = t.PowerW,
                LastAllocatedCurrentA = t.LastAllocatedCurrentA,
                LastAllocatedPowerW = t.LastAllocatedPowerW,
            } : null,
            PhaseState = e.PhaseState is { } ps ? new PhaseStateDto
            {
                ActivePhases = ps.ActivePhases,
                SwitchCount = ps.SwitchCount,
                OnePhasePreferredAt = ps.OnePhasePreferredAt,
            } : null,
        })],
        SiteLoads = [.. site.SiteLoads.Select(l => new SiteLoadDto
        {
            Id = l.Id,
            Node = l.NodeId,
            MeasuredCurrentA = l.MeasuredCurrentA,
            MeasuredPowerW = l.MeasuredPowerW,
            MeasuredAt = l.MeasuredAt,
            ReservedCurrentA = l.ReservedCurrentA,
            ReservedPowerW = l.ReservedPowerW,
        })],
        Meters = [.. site.Meters.Select(m => new MeterDto { Id = m.Id, Node = m.NodeId, CurrentA = m.CurrentA, PowerW = m.PowerW, MeasuredAt = m.MeasuredAt })],
        Envelopes = [.. site.Envelopes.Select(env => new EnvelopeDto
        {
            Id = env.Id,
            Node = env.NodeId,
            SourceRequestId = env.SourceRequestId,
            Source = env.Source,
            Quality = env.Quality,
            Withdrawn = env.Withdrawn,
            Blocks = [.. env.Blocks.Select(b => new EnvelopeBlockDto { From = b.From, To = b.To, Import = LimitDto(b.Import), Export = LimitDto(b.Export) })],
        })],
        Tariff = [.. site.Tariff.Select(t => new TariffDto { From = t.From, To = t.To, PricePerKwh = t.PricePerKwh, CarbonGPerKwh = t.CarbonGPerKwh })],
    };

    private static LimitDto? LimitDto(ElectricalLimit limit) => limit.IsNone ? null : new LimitDto { CurrentA = limit.CurrentA, PowerW = limit.PowerW };
}
