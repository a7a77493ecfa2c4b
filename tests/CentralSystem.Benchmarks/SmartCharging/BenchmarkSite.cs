using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Benchmarks.SmartCharging;

/// <summary>
/// A large depot for the benchmarks: 6 levels (site → 2 grid connections → 20 circuits → 100 sub-circuits → 5,000
/// chargers → 10,000 EVSEs), limits binding at several levels, 10 % DC, 10 % single-phase with known rotation,
/// non-EV load, an evening envelope on each grid connection, a three-window tariff and departures spread over the
/// morning. Seeded, so every run measures the same site.
/// </summary>
public static class BenchmarkSite
{
    public static readonly DateTimeOffset At = new(2026, 11, 21, 16, 0, 0, TimeSpan.Zero);

    public static SiteModel Create(int evseCount = 10_000, int seed = 42)
    {
        var rng = new Random(seed);
        var nodes = new List<GridNode> { new("site", null, NodeKind.Site) { Import = new ElectricalLimit(evseCount * 9.0, null) } };
        var evses = new List<Evse>();
        var loads = new List<SiteLoad>();
        var envelopes = new List<OperatingEnvelope>();
        const int gridConnections = 2;
        const int circuitsPerGrid = 10;
        const int subsPerCircuit = 5;
        var chargersPerSub = Math.Max(1, evseCount / 2 / (gridConnections * circuitsPerGrid * subsPerCircuit));
        var chargerIndex = 0;
        Phase[][] rotations = [[Phase.L1, Phase.L2, Phase.L3], [Phase.L2, Phase.L3, Phase.L1], [Phase.L3, Phase.L1, Phase.L2]];

        for (var g = 0; g < gridConnections; g++)
        {
            var gid = $"grid-{g}";
            nodes.Add(new GridNode(gid, "site", NodeKind.GridConnection) { Import = new ElectricalLimit(evseCount * 5.0, evseCount * 3000.0) });
            loads.Add(new SiteLoad($"building-{g}", gid) { MeasuredCurrentA = new PhaseValues(120, 95, 140), MeasuredAt = At.AddSeconds(-30), ReservedCurrentA = PhaseValues.Uniform(150) });
            envelopes.Add(new OperatingEnvelope($"dso-{g}", gid)
            {
                SourceRequestId = $"oscp-{g}",
                Source = "oscp:dso",
                Blocks = [new EnvelopeBlock(At.AddHours(1), At.AddHours(4)) { Import = new ElectricalLimit(null, evseCount * 2000.0) }],
            });
            for (var c = 0; c < circuitsPerGrid; c++)
            {
                var cid = $"{gid}/c{c}";
                nodes.Add(new GridNode(cid, gid, NodeKind.Circuit) { Import = new ElectricalLimit(evseCount * 0.6, null) });
                for (var s = 0; s < subsPerCircuit; s++)
                {
                    var sid = $"{cid}/s{s}";
                    nodes.Add(new GridNode(sid, cid, NodeKind.Circuit) { Import = new ElectricalLimit(chargersPerSub * 2 * 14.0, null) });
                    for (var k = 0; k < chargersPerSub && chargerIndex * 2 < evseCount; k++)
                    {
                        var chargerId = $"cp{chargerIndex++}";
                        var dc = rng.NextDouble() < 0.1;
                        nodes.Add(new GridNode(chargerId, sid, NodeKind.Charger)
                        {
                            Supply = dc ? SupplyType.DC : SupplyType.AC,
                            Efficiency = dc ? 0.95 : null,
                            Import = dc ? new ElectricalLimit(null, 150_000) : new ElectricalLimit(32, null),
                            GridPhases = dc ? null : rotations[rng.Next(3)],
                        });
                        for (var e = 0; e < 2; e++)
                        {
                            evses.Add(Evse($"{chargerId}/{e}", chargerId, dc, rng));
                        }
                    }
                }
            }
        }

        return new SiteModel
        {
            Id = $"bench-{evseCount}",
            Nodes = nodes,
            Evses = evses,
            SiteLoads = loads,
            Envelopes = envelopes,
            Tariff =
            [
                new TariffPeriod(At, At.AddHours(5)) { PricePerKwh = 0.42, CarbonGPerKwh = 380 },
                new TariffPeriod(At.AddHours(5), At.AddHours(14)) { PricePerKwh = 0.18, CarbonGPerKwh = 210 },
                new TariffPeriod(At.AddHours(14), At.AddHours(24)) { PricePerKwh = 0.31, CarbonGPerKwh = 260 },
            ],
            At = At,
        };
    }

    private static Evse Evse(string id, string parent, bool dc, Random rng)
    {
        var active = rng.NextDouble() < 0.9;
        var session = active ? new EvseSession
        {
            EnergyNeededWh = rng.NextDouble() < 0.8 ? rng.Next(5, dc ? 300 : 60) * 1000 : null,
            DepartureAt = At.AddHours(13).AddMinutes(rng.Next(0, 180)),
            Priority = rng.Next(0, 3),
            StartedAt = At.AddMinutes(-rng.Next(0, 600)),
        } : null;
        return dc
            ? new Evse(id, parent) { Supply = SupplyType.DC, MaxPowerW = 150_000, MinPowerW = 5000, Session = session }
            : new Evse(id, parent) { Phases = rng.NextDouble() < 0.1 ? 1 : 3, MaxCurrentA = 32, MinCurrentA = 6, Session = session };
    }
}
