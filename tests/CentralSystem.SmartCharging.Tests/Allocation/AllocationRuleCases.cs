using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Topology;
using CentralSystem.SmartCharging.Tests.Support;
using static CentralSystem.SmartCharging.Tests.Support.SiteBuilder;

namespace CentralSystem.SmartCharging.Tests.Allocation;

/// <summary>The rule tables: one entry per rule of the spec, with the expected values worked out by hand.</summary>
internal static class AllocationRuleCases
{
    private static readonly DateTimeOffset Stale = T0.AddMinutes(-10);
    private static readonly DateTimeOffset Fresh = T0.AddSeconds(-30);

    public static IEnumerable<AllocationCase> AncestorLimits()
    {
        yield return new("single EVSE is bound by the root", () => new SiteBuilder(20).Evse("e1", "site").Build(), [("e1", 20)])
        { Binding = [("e1", LimitKind.NodeLimit, "site")] };
        yield return new("two EVSEs share a fuse equally", () => new SiteBuilder(32).Evse("e1", "site").Evse("e2", "site").Build(), [("e1", 16), ("e2", 16)]);
        yield return new("a capped EVSE frees capacity for the other (EVerest 1_0)",
            () => new SiteBuilder(32).Evse("e1", "site").Evse("e2", "site", session: Charging(maxA: 8)).Build(),
            [("e1", 24), ("e2", 8)])
        { Binding = [("e1", LimitKind.NodeLimit, "site"), ("e2", LimitKind.VehicleLimit, "e2")] };
        yield return new("nested fuses bind their own subtree (EVerest probe nested_fuses)",
            () => new SiteBuilder(40).Node("sub", "site", 25).Evse("e1", "sub").Evse("e2", "sub").Evse("e3", "site").Build(),
            [("e1", 12.5), ("e2", 12.5), ("e3", 15)])
        { Binding = [("e1", LimitKind.NodeLimit, "sub"), ("e3", LimitKind.NodeLimit, "site")] };
        yield return new("the tightest ancestor binds, however deep",
            () => new SiteBuilder(100).Node("c1", "site", 60).Node("c2", "c1", 30).Charger("cp", "c2", 20).Evse("e1", "cp").Build(),
            [("e1", 20)])
        { Binding = [("e1", LimitKind.ChargerRating, "cp")] };
        yield return new("a charger rating is shared by its EVSEs",
            () => new SiteBuilder(100).Charger("cp", "site", 32).Evse("e1", "cp").Evse("e2", "cp").Build(),
            [("e1", 16), ("e2", 16)])
        { Binding = [("e1", LimitKind.ChargerRating, "cp")] };
        yield return new("a watt limit binds three-phase amps (W / 3 / 230)", () => new SiteBuilder(rootW: 11040).Evse("e1", "site").Build(), [("e1", 16)])
        { Binding = [("e1", LimitKind.NodeLimit, "site")] };
        yield return new("amps and watts both apply; the tighter wins", () => new SiteBuilder(32, 7360).Evse("e1", "site").Build(), [("e1", 7360.0 / 690)]);
        yield return new("measured non-EV load reduces the capacity",
            () => new SiteBuilder(32).Evse("e1", "site").Load("office", "site", l => l with { MeasuredCurrentA = PhaseValues.Uniform(10), MeasuredAt = Fresh }).Build(),
            [("e1", 22)]);
        yield return new("per-phase load: the worst phase binds a three-phase EVSE",
            () => new SiteBuilder(32).Evse("e1", "site").Load("office", "site", l => l with { MeasuredCurrentA = new PhaseValues(5, 12, 3), MeasuredAt = Fresh }).Build(),
            [("e1", 20)]);
        yield return new("non-EV load below a sibling circuit does not touch this circuit",
            () => new SiteBuilder(100).Node("a", "site", 32).Node("b", "site", 32).Evse("e1", "a").Load("hvac", "b", l => l with { ReservedCurrentA = PhaseValues.Uniform(30) }).Build(),
            [("e1", 32)]);
        yield return new("stale site load falls back to its reservation",
            () => new SiteBuilder(32).Evse("e1", "site").Load("office", "site", l => l with { MeasuredCurrentA = PhaseValues.Uniform(5), MeasuredAt = Stale, ReservedCurrentA = PhaseValues.Uniform(12) }).Build(),
            [("e1", 20)]);
        yield return new("stale site load without reservation keeps its last value, never zero",
            () => new SiteBuilder(32).Evse("e1", "site").Load("office", "site", l => l with { MeasuredCurrentA = PhaseValues.Uniform(7), MeasuredAt = Stale }).Build(),
            [("e1", 25)]);
        yield return new("stale meter switches the node to its safe capacity",
            () => new SiteBuilder(100)
                .Node("grid", "site", 32, with: n => n with { SafeImport = new ElectricalLimit(20, null) })
                .Evse("e1", "grid").Meter("m", "grid", m => m with { CurrentA = PhaseValues.Uniform(1), MeasuredAt = Stale }).Build(),
            [("e1", 20)])
        { Binding = [("e1", LimitKind.SafeCapacity, "grid")] };
        yield return new("weights: weight 2 gets twice the share", () => new SiteBuilder(30).Evse("e1", "site", session: Charging(weight: 2)).Evse("e2", "site").Build(), [("e1", 20), ("e2", 10)]);
        yield return new("an idle EVSE gets nothing", () => new SiteBuilder(40).Evse("e1", "site").Evse("e2", "site", idle: true).Build(), [("e1", 32), ("e2", 0)])
        { Binding = [("e1", LimitKind.EvseRating, "e1"), ("e2", LimitKind.NoSession, null)] };
        yield return new("fresh measured draw plus headroom caps the demand",
            () => new SiteBuilder(32)
                .Settings(s => s with { MeasuredDemandHeadroomA = 2 })
                .Evse("e1", "site", with: e => e with { Telemetry = new EvseTelemetry { MeasuredAt = Fresh, CurrentA = PhaseValues.Uniform(10) } })
                .Evse("e2", "site").Build(),
            [("e1", 12), ("e2", 20)])
        { Binding = [("e1", LimitKind.MeasuredDemand, "e1")] };
    }

    public static IEnumerable<AllocationCase> Admission()
    {
        yield return new("minimums go by priority, not tree order",
            () => new SiteBuilder(16).Evse("e1", "site", session: Charging(priority: 0)).Evse("e2", "site", session: Charging(priority: 1)).Evse("e3", "site", session: Charging(priority: 1)).Build(),
            [("e1", 0), ("e2", 8), ("e3", 8)])
        { Binding = [("e1", LimitKind.MinimumCurrentExclusion, "site")] };
        yield return new("without priorities the least laxity is admitted first",
            () => new SiteBuilder(16)
                .Evse("e1", "site", session: new EvseSession { EnergyNeededWh = 5000, DepartureAt = T0.AddHours(12) })
                .Evse("e2", "site", session: new EvseSession { EnergyNeededWh = 40000, DepartureAt = T0.AddHours(4) })
                .Evse("e3", "site", session: new EvseSession { EnergyNeededWh = 30000, DepartureAt = T0.AddHours(3) }).Build(),
            [("e1", 0), ("e2", 8), ("e3", 8)]);
        yield return new("ties go to the earlier session start",
            () => new SiteBuilder(16)
                .Evse("e1", "site", session: new EvseSession { StartedAt = T0.AddMinutes(-5) })
                .Evse("e2", "site", session: new EvseSession { StartedAt = T0.AddMinutes(-50) })
                .Evse("e3", "site", session: new EvseSession { StartedAt = T0.AddMinutes(-20) }).Build(),
            [("e1", 0), ("e2", 8), ("e3", 8)]);
        yield return new("last tie-break is the EVSE id, not tree order",
            () => new SiteBuilder(16).Evse("c", "site").Evse("b", "site").Evse("a", "site").Build(),
            [("a", 8), ("b", 8), ("c", 0)]);
        yield return new("a full branch does not block a lower priority elsewhere",
            () => new SiteBuilder(40).Node("A", "site", 16).Node("B", "site", 20)
                .Evse("e1", "A", session: Charging(priority: 5)).Evse("e2", "A", session: Charging(priority: 5)).Evse("e3", "A", session: Charging(priority: 5))
                .Evse("e4", "B", session: Charging(priority: 0)).Build(),
            [("e1", 8), ("e2", 8), ("e3", 0), ("e4", 20)])
        { Binding = [("e3", LimitKind.MinimumCurrentExclusion, "A")] };
        yield return new("an EVSE whose own limit is below its minimum is excluded",
            () => new SiteBuilder(32).Evse("e1", "site", session: Charging(maxA: 4)).Evse("e2", "site").Build(),
            [("e1", 0), ("e2", 32)])
        { Binding = [("e1", LimitKind.MinimumCurrentExclusion, "e1")] };
        yield return new("an admitted minimum above the fair level is kept, the rest shares",
            () => new SiteBuilder(20).Evse("e1", "site", minA: 10).Evse("e2", "site", minA: 0).Evse("e3", "site", minA: 0).Build(),
            [("e1", 10), ("e2", 5), ("e3", 5)]);
        yield return new("nobody fits: everyone gets zero",
            () => new SiteBuilder(5).Evse("e1", "site").Evse("e2", "site").Build(),
            [("e1", 0), ("e2", 0)]);
    }

    public static IEnumerable<AllocationCase> Phases()
    {
        static SiteBuilder TwoSinglePhase(Phase a, Phase b) => new SiteBuilder(32)
            .Charger("c1", "site", with: n => n with { GridPhases = [a] }).Evse("e1", "c1", phases: 1)
            .Charger("c2", "site", with: n => n with { GridPhases = [b] }).Evse("e2", "c2", phases: 1);
        yield return new("phase-aware: single-phase EVSEs on different phases do not compete",
            () => TwoSinglePhase(Phase.L1, Phase.L2).Build(), [("e1", 32), ("e2", 32)]);
        yield return new("phase-aware: single-phase EVSEs on the same phase share it",
            () => TwoSinglePhase(Phase.L3, Phase.L3).Build(), [("e1", 16), ("e2", 16)]);
        yield return new("phase-blind setting counts every phase (EVerest behaviour)",
            () => TwoSinglePhase(Phase.L1, Phase.L2).Settings(s => s with { PhaseAware = false }).Build(), [("e1", 16), ("e2", 16)]);
        yield return new("unknown rotation: a single-phase EVSE is counted on every phase",
            () => new SiteBuilder(32).Evse("e1", "site", phases: 1).Evse("e2", "site", phases: 1).Build(), [("e1", 16), ("e2", 16)]);
        yield return new("single- and three-phase share only the common phase",
            () => new SiteBuilder(32).Charger("c1", "site", with: n => n with { GridPhases = [Phase.L1] }).Evse("e1", "c1", phases: 1).Evse("e3", "site").Build(),
            [("e1", 16), ("e3", 16)]);
        yield return new("a rotation maps the EVSE's L1 to the grid phase it is wired to",
            () => new SiteBuilder(32)
                .Charger("c1", "site", with: n => n with { GridPhases = [Phase.L3, Phase.L1, Phase.L2] }).Evse("e1", "c1", phases: 1)
                .Charger("c2", "site", with: n => n with { GridPhases = [Phase.L3] }).Evse("e2", "c2", phases: 1).Build(),
            [("e1", 16), ("e2", 16)]);
        yield return new("a single-phase vehicle on a three-phase EVSE converts watts with one phase",
            () => new SiteBuilder(rootW: 7360).Evse("e1", "site", session: new EvseSession { Phases = 1 }).Build(), [("e1", 32)]);
        yield return new("three single-phase EVSEs on L1/L2/L3 and a three-phase one",
            () => new SiteBuilder(32)
                .Charger("c1", "site", with: n => n with { GridPhases = [Phase.L1] }).Evse("e1", "c1", phases: 1)
                .Charger("c2", "site", with: n => n with { GridPhases = [Phase.L2] }).Evse("e2", "c2", phases: 1)
                .Charger("c3", "site", with: n => n with { GridPhases = [Phase.L3] }).Evse("e3", "c3", phases: 1)
                .Evse("e4", "site").Build(),
            [("e1", 16), ("e2", 16), ("e3", 16), ("e4", 16)]);
    }

    public static IEnumerable<AllocationCase> DirectCurrent()
    {
        yield return new("DC EVSEs share a watt limit", () => new SiteBuilder(rootW: 60000).DcEvse("d1", "site", 50000).DcEvse("d2", "site", 50000).Build(), [("d1", 30000), ("d2", 30000)]) { Watts = true };
        yield return new("DC efficiency counts input power against the node",
            () => new SiteBuilder(rootW: 60000).DcEvse("d1", "site", 50000, efficiency: 0.8).DcEvse("d2", "site", 50000, efficiency: 0.8).Build(),
            [("d1", 24000), ("d2", 24000)])
        { Watts = true };
        yield return new("DC input current rating caps the output (EVerest 11)",
            () => new SiteBuilder(120)
                .DcEvse("d1", "site", 50000, with: e => e with { MaxInputCurrentA = 60 })
                .DcEvse("d2", "site", 60000, with: e => e with { MaxInputCurrentA = 80 }).Build(),
            [("d1", 41400), ("d2", 41400)])
        { Watts = true };
        yield return new("AC amps and DC watts share one fair scale",
            () => new SiteBuilder(64).Evse("a1", "site").DcEvse("d1", "site", 100000).Build(), [("d1", 22080)]) { Watts = true };
        yield return new("DC minimum power admission",
            () => new SiteBuilder(rootW: 20000).DcEvse("d1", "site", 50000, minW: 15000).DcEvse("d2", "site", 50000, minW: 15000).Build(),
            [("d1", 20000), ("d2", 0)])
        { Watts = true };
        yield return new("a DC charger's watt rating is shared by its EVSEs",
            () => new SiteBuilder(400).Charger("dc", "site", watts: 150000).DcEvse("d1", "dc", 150000).DcEvse("d2", "dc", 150000).Build(),
            [("d1", 75000), ("d2", 75000)])
        { Watts = true, Binding = [("d1", LimitKind.ChargerRating, "dc")] };
    }

    public static IEnumerable<AllocationCase> Envelopes()
    {
        static OperatingEnvelope Env(string id, DateTimeOffset from, DateTimeOffset to, double? amps = null, double? watts = null, EnvelopeQuality quality = EnvelopeQuality.Fresh, bool withdrawn = false) =>
            new(id, "grid")
            {
                SourceRequestId = "req-" + id,
                Source = "oscp:test",
                Quality = quality,
                Withdrawn = withdrawn,
                Blocks = [new EnvelopeBlock(from, to) { Import = new ElectricalLimit(amps, watts) }],
            };
        static SiteBuilder Grid() => new SiteBuilder(200).Node("grid", "site", 80, kind: NodeKind.GridConnection).Evse("e1", "grid").Evse("e2", "grid");

        yield return new("a fresh envelope below the node limit binds",
            () => Grid().Envelope(Env("env-1", T0.AddHours(-1), T0.AddHours(1), amps: 40)).Build(), [("e1", 20), ("e2", 20)])
        { Binding = [("e1", LimitKind.Envelope, "grid")] };
        yield return new("a fallback envelope still applies",
            () => Grid().Envelope(Env("env-fb", T0.AddHours(-1), T0.AddHours(1), amps: 30, quality: EnvelopeQuality.Fallback)).Build(), [("e1", 15), ("e2", 15)])
        { Binding = [("e1", LimitKind.Envelope, "grid")] };
        yield return new("a pending envelope does not apply yet",
            () => Grid().Envelope(Env("env-later", T0.AddHours(1), T0.AddHours(2), amps: 10)).Build(), [("e1", 32), ("e2", 32)]);
        yield return new("an expired envelope no longer applies",
            () => Grid().Envelope(Env("env-old", T0.AddHours(-2), T0.AddHours(-1), amps: 10)).Build(), [("e1", 32), ("e2", 32)]);
        yield return new("a withdrawn envelope never applies",
            () => Grid().Envelope(Env("env-w", T0.AddHours(-1), T0.AddHours(1), amps: 10, withdrawn: true)).Build(), [("e1", 32), ("e2", 32)]);
        yield return new("a watt envelope on an amp-limited node",
            () => Grid().Envelope(Env("env-w", T0.AddHours(-1), T0.AddHours(1), watts: 22080)).Build(), [("e1", 16), ("e2", 16)])
        { Binding = [("e1", LimitKind.Envelope, "grid")] };
        yield return new("an envelope above the node limit changes nothing",
            () => Grid().Envelope(Env("env-hi", T0.AddHours(-1), T0.AddHours(1), amps: 500)).Build(), [("e1", 32), ("e2", 32)]);
    }

    public static IEnumerable<AllocationCase> StaleTelemetry()
    {
        static Evse StaleWith(Evse e, double? last) => e with { Telemetry = new EvseTelemetry { MeasuredAt = Stale, LastAllocatedCurrentA = last } };
        yield return new("a stale EVSE keeps its last allocation; the others share the rest",
            () => new SiteBuilder(32).Evse("e1", "site", with: e => StaleWith(e, 20)).Evse("e2", "site").Build(), [("e1", 20), ("e2", 12)])
        { Binding = [("e1", LimitKind.StaleTelemetry, null)] };
        yield return new("a stale EVSE without a known allocation is held at its rating",
            () => new SiteBuilder(40).Evse("e1", "site", with: e => StaleWith(e, null)).Evse("e2", "site").Build(), [("e1", 32), ("e2", 8)]);
        yield return new("stale-demand policy Rating ignores the last allocation",
            () => new SiteBuilder(40).Settings(s => s with { StaleDemand = StaleDemandPolicy.Rating }).Evse("e1", "site", maxA: 25, with: e => StaleWith(e, 10)).Evse("e2", "site").Build(),
            [("e1", 25), ("e2", 15)]);
        yield return new("a stale EVSE is reserved first even if that starves the others",
            () => new SiteBuilder(32).Evse("e1", "site", with: e => StaleWith(e, 30)).Evse("e2", "site").Build(), [("e1", 30), ("e2", 0)])
        { Binding = [("e2", LimitKind.MinimumCurrentExclusion, "site")] };
        yield return new("fresh telemetry is trusted: no fallback",
            () => new SiteBuilder(32).Evse("e1", "site", with: e => e with { Telemetry = new EvseTelemetry { MeasuredAt = Fresh, LastAllocatedCurrentA = 30 } }).Evse("e2", "site").Build(),
            [("e1", 16), ("e2", 16)]);
    }

    public static IEnumerable<AllocationCase> Discharge()
    {
        static SiteBuilder V2g(bool net) => new SiteBuilder(rootId: "grid")
            .Settings(s => s with { NetExportAgainstImport = net });
        static SiteModel Site(bool net)
        {
            var site = V2g(net).Evse("e1", "grid", maxA: 44).Evse("e2", "grid", session: new EvseSession { Direction = ChargingDirection.Discharge, MaxCurrentA = 8 }).Build();
            var grid = site.Nodes[0] with { Import = new ElectricalLimit(32, null), Export = new ElectricalLimit(16, null) };
            return site with { Nodes = [grid] };
        }

        yield return new("a discharging EVSE gets its export share (negative)", () => Site(false), [("e2", -8), ("e1", 32)]);
        yield return new("exports are netted against imports when enabled (EVerest 1_3)", () => Site(true), [("e2", -8), ("e1", 40)]);
    }
}
