using System.Text.Json;
using System.Text.Json.Serialization;
using CentralSystem.SmartCharging.SiteFormat.Dto;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.SiteFormat;

/// <summary>
/// Reads the site JSON format (SITE-FORMAT.md) into a validated <see cref="SiteModel"/>. Unknown properties are
/// rejected so typos ("curentA") do not silently drop a limit; every semantic error names its node.
/// </summary>
public static partial class SiteJson
{
    internal static readonly JsonSerializerOptions Options = CreateOptions();

    /// <exception cref="SiteValidationException">Malformed JSON or an invalid site; the message lists every problem.</exception>
    public static SiteModel Parse(string json)
    {
        SiteDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<SiteDocument>(json, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? string.Empty : $" at {ex.Path}";
            throw new SiteValidationException($"site JSON{where}: {FirstLine(ex.Message)}", ex);
        }

        if (document is null)
        {
            throw new SiteValidationException("site JSON: the document is empty (null)");
        }

        var errors = new List<SiteValidationError>();
        var site = Map(document, errors);
        errors.AddRange(SiteValidator.Validate(site));
        return errors.Count > 0 ? throw new SiteValidationException(errors) : site;
    }

    private static SiteModel Map(SiteDocument d, List<SiteValidationError> errors)
    {
        var nodes = new List<GridNode>();
        foreach (var (n, i) in (d.Nodes ?? []).Select((n, i) => (n, i)))
        {
            if (string.IsNullOrWhiteSpace(n.Id))
            {
                errors.Add(new(null, $"nodes[{i}]: missing id"));
                continue;
            }

            if (n.Kind is null)
            {
                errors.Add(new(n.Id, $"node '{n.Id}': missing kind (site, gridConnection, circuit, chargerGroup or charger)"));
            }

            nodes.Add(new GridNode(n.Id, string.IsNullOrEmpty(n.Parent) ? null : n.Parent, n.Kind ?? NodeKind.Circuit)
            {
                Name = n.Name,
                Import = Limit(n.Import),
                Export = Limit(n.Export),
                SafeImport = n.SafeImport is null ? null : Limit(n.SafeImport),
                GridPhases = n.GridPhases,
                Supply = n.Supply,
                Efficiency = n.Efficiency,
                RateUnit = n.RateUnit,
                ChargePointId = n.ChargePointId,
                Strategy = n.Strategy,
            });
        }

        var evses = new List<Evse>();
        foreach (var (x, i) in (d.Evses ?? []).Select((x, i) => (x, i)))
        {
            if (string.IsNullOrWhiteSpace(x.Id))
            {
                errors.Add(new(null, $"evses[{i}]: missing id"));
                continue;
            }

            var defaults = new Evse(x.Id, x.Parent ?? string.Empty);
            evses.Add(defaults with
            {
                Supply = x.Supply,
                Phases = x.Phases ?? defaults.Phases,
                GridPhases = x.GridPhases,
                MinCurrentA = x.MinCurrentA ?? defaults.MinCurrentA,
                MaxCurrentA = x.MaxCurrentA ?? defaults.MaxCurrentA,
                MinPowerW = x.MinPowerW ?? defaults.MinPowerW,
                MaxPowerW = x.MaxPowerW,
                MaxInputCurrentA = x.MaxInputCurrentA,
                Efficiency = x.Efficiency,
                CanSwitchPhases = x.CanSwitchPhases ?? false,
                RateUnit = x.RateUnit,
                OcppEvseId = x.EvseId,
                Session = Session(x.Session),
                Telemetry = x.Telemetry is { } t ? new EvseTelemetry
                {
                    MeasuredAt = t.MeasuredAt,
                    CurrentA = t.CurrentA,
                    PowerW = t.PowerW,
                    LastAllocatedCurrentA = t.LastAllocatedCurrentA,
                    LastAllocatedPowerW = t.LastAllocatedPowerW,
                } : null,
                PhaseState = x.PhaseState is { } ps ? new PhaseSwitchState
                {
                    ActivePhases = ps.ActivePhases ?? 3,
                    SwitchCount = ps.SwitchCount ?? 0,
                    OnePhasePreferredAt = ps.OnePhasePreferredAt,
                } : null,
            });
        }

        var loads = new List<SiteLoad>();
        foreach (var (l, i) in (d.SiteLoads ?? []).Select((l, i) => (l, i)))
        {
            var id = l.Id ?? $"siteLoads[{i}]";
            if (string.IsNullOrEmpty(l.Node))
            {
                errors.Add(new(id, $"site load '{id}': missing node"));
                continue;
            }

            loads.Add(new SiteLoad(id, l.Node)
            {
                MeasuredCurrentA = l.MeasuredCurrentA,
                MeasuredPowerW = l.MeasuredPowerW,
                MeasuredAt = l.MeasuredAt,
                ReservedCurrentA = l.ReservedCurrentA,
                ReservedPowerW = l.ReservedPowerW,
            });
        }

        var meters = new List<NodeMeter>();
        foreach (var (m, i) in (d.Meters ?? []).Select((m, i) => (m, i)))
        {
            var id = m.Id ?? $"meters[{i}]";
            if (string.IsNullOrEmpty(m.Node))
            {
                errors.Add(new(id, $"meter '{id}': missing node"));
                continue;
            }

            meters.Add(new NodeMeter(id, m.Node) { CurrentA = m.CurrentA, PowerW = m.PowerW, MeasuredAt = m.MeasuredAt });
        }

        var envelopes = new List<OperatingEnvelope>();
        foreach (var (env, i) in (d.Envelopes ?? []).Select((env, i) => (env, i)))
        {
            var id = env.Id ?? $"envelopes[{i}]";
            if (string.IsNullOrEmpty(env.Node))
            {
                errors.Add(new(id, $"envelope '{id}': missing node"));
                continue;
            }

            var blocks = new List<EnvelopeBlock>();
            foreach (var (b, j) in (env.Blocks ?? []).Select((b, j) => (b, j)))
            {
                if (b.From is not { } from || b.To is not { } to)
                {
                    errors.Add(new(id, $"envelope '{id}': blocks[{j}] needs both from and to"));
                    continue;
                }

                blocks.Add(new EnvelopeBlock(from, to) { Import = Limit(b.Import), Export = Limit(b.Export) });
            }

            envelopes.Add(new OperatingEnvelope(id, env.Node)
            {
                SourceRequestId = env.SourceRequestId,
                Source = env.Source,
                Quality = env.Quality ?? EnvelopeQuality.Fresh,
                Withdrawn = env.Withdrawn ?? false,
                Blocks = blocks,
            });
        }

        var tariff = new List<TariffPeriod>();
        foreach (var (t, i) in (d.Tariff ?? []).Select((t, i) => (t, i)))
        {
            if (t.From is not { } from || t.To is not { } to)
            {
                errors.Add(new(null, $"tariff[{i}]: needs both from and to"));
                continue;
            }

            tariff.Add(new TariffPeriod(from, to) { PricePerKwh = t.PricePerKwh ?? 0, CarbonGPerKwh = t.CarbonGPerKwh ?? 0 });
        }

        return new SiteModel
        {
            Id = d.Id ?? "site",
            At = d.At,
            Settings = Settings(d.Settings),
            Nodes = nodes,
            Evses = evses,
            SiteLoads = loads,
            Meters = meters,
            Envelopes = envelopes,
            Tariff = tariff,
        };
    }

    private static SiteSettings Settings(SettingsDto? s)
    {
        var defaults = new SiteSettings();
        if (s is null)
        {
            return defaults;
        }

        var ps = s.PhaseSwitching;
        var psDefaults = defaults.PhaseSwitching;
        return new SiteSettings
        {
            NominalVoltageV = s.NominalVoltageV ?? defaults.NominalVoltageV,
            TelemetryMaxAge = s.TelemetryMaxAge ?? defaults.TelemetryMaxAge,
            StaleDemand = s.StaleDemand ?? defaults.StaleDemand,
            PhaseAware = s.PhaseAware ?? defaults.PhaseAware,
            NetExportAgainstImport = s.NetExportAgainstImport ?? defaults.NetExportAgainstImport,
            MeasuredDemandHeadroomA = s.MeasuredDemandHeadroomA,
            CarbonWeight = s.CarbonWeight ?? defaults.CarbonWeight,
            PhaseSwitching = ps is null ? psDefaults : new PhaseSwitchingSettings
            {
                Mode = ps.Mode ?? psDefaults.Mode,
                MaxSwitchesPerSession = ps.MaxSwitchesPerSession ?? psDefaults.MaxSwitchesPerSession,
                Stickiness = ps.Stickiness ?? psDefaults.Stickiness,
                PowerHysteresisW = ps.PowerHysteresisW ?? psDefaults.PowerHysteresisW,
                TimeHysteresis = ps.TimeHysteresis ?? psDefaults.TimeHysteresis,
            },
        };
    }

    private static EvseSession? Session(SessionDto? s) => s is null ? null : new EvseSession
    {
        VehicleId = s.VehicleId,
        Direction = s.Direction ?? ChargingDirection.Charge,
        MaxCurrentA = s.MaxCurrentA,
        MaxPowerW = s.MaxPowerW,
        Phases = s.Phases,
        EnergyNeededWh = s.EnergyNeededWh,
        DepartureAt = s.DepartureAt,
        Priority = s.Priority ?? 0,
        Weight = s.Weight ?? 1,
        StartedAt = s.StartedAt,
    };

    private static ElectricalLimit Limit(LimitDto? l) => l is null ? ElectricalLimit.None : new ElectricalLimit(l.CurrentA, l.PowerW);

    private static string FirstLine(string message)
    {
        var i = message.IndexOf('\n', StringComparison.Ordinal);
        return (i < 0 ? message : message[..i]).Trim();
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new DurationJsonConverter());
        options.Converters.Add(new PhaseValuesJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
