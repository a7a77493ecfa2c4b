using CentralSystem.SmartCharging.Topology;
using CentralSystem.SmartCharging.Tests.Support;

namespace CentralSystem.SmartCharging.Tests.Properties;

/// <summary>Seeded random sites: nested circuits with amp/watt limits, envelopes, non-EV load, AC 1ph/3ph and DC EVSEs.</summary>
internal static class RandomSites
{
    public static SiteModel Generate(int seed, bool withSchedule = false)
    {
        var rng = new Random(seed);
        var t0 = SiteBuilder.T0;
        var nodes = new List<GridNode> { new("site", null, NodeKind.Site) { Import = Limit(rng, 150, 400, watts: rng.NextDouble() < 0.3) } };
        var evses = new List<Evse>();
        var loads = new List<SiteLoad>();
        var envelopes = new List<OperatingEnvelope>();
        var depth = rng.Next(2, 6);
        var frontier = new List<string> { "site" };
        for (var level = 1; level < depth; level++)
        {
            var next = new List<string>();
            foreach (var parent in frontier)
            {
                var children = rng.Next(1, 4);
                for (var c = 0; c < children; c++)
                {
                    var id = $"{parent}.{c}";
                    var limited = rng.NextDouble() < 0.75;
                    nodes.Add(new GridNode(id, parent, NodeKind.Circuit)
                    {
                        Import = limited ? Limit(rng, 20, 160, watts: rng.NextDouble() < 0.25) : ElectricalLimit.None,
                        GridPhases = rng.NextDouble() < 0.15 ? Rotation(rng) : null,
                    });
                    next.Add(id);
                    if (rng.NextDouble() < 0.15)
                    {
                        loads.Add(new SiteLoad($"load-{id}", id) { ReservedCurrentA = new PhaseValues(rng.Next(0, 6), rng.Next(0, 6), rng.Next(0, 6)) });
                    }

                    if (rng.NextDouble() < 0.1)
                    {
                        envelopes.Add(new OperatingEnvelope($"env-{id}", id)
                        {
                            SourceRequestId = $"req-{seed}-{id}",
                            Quality = rng.NextDouble() < 0.5 ? EnvelopeQuality.Fresh : EnvelopeQuality.Fallback,
                            Blocks =
                            [
                                new EnvelopeBlock(t0.AddHours(-1), t0.AddHours(withSchedule ? rng.Next(1, 6) : 1)) { Import = Limit(rng, 10, 80, watts: rng.NextDouble() < 0.5) },
                                new EnvelopeBlock(t0.AddHours(7), t0.AddHours(9)) { Import = Limit(rng, 5, 60, watts: false) },
                            ],
                        });
                    }
                }
            }

            frontier = next;
        }

        var chargerCount = 0;
        foreach (var leaf in frontier)
        {
            var chargers = rng.Next(1, 4);
            for (var c = 0; c < chargers; c++)
            {
                var chargerId = $"cp{chargerCount++}";
                var dc = rng.NextDouble() < 0.2;
                nodes.Add(new GridNode(chargerId, leaf, NodeKind.Charger)
                {
                    Supply = dc ? SupplyType.DC : SupplyType.AC,
                    Efficiency = dc ? 0.9 + (rng.NextDouble() * 0.1) : null,
                    Import = rng.NextDouble() < 0.5 ? (dc ? new ElectricalLimit(null, rng.Next(30, 200) * 1000) : new ElectricalLimit(rng.Next(16, 64), null)) : ElectricalLimit.None,
                    GridPhases = !dc && rng.NextDouble() < 0.6 ? Rotation(rng) : null,
                });
                var count = rng.Next(1, 4);
                for (var e = 0; e < count; e++)
                {
                    evses.Add(dc ? DcEvse(rng, $"{chargerId}/{e}", chargerId, t0) : AcEvse(rng, $"{chargerId}/{e}", chargerId, t0));
                }
            }
        }

        return new SiteModel
        {
            Id = $"random-{seed}",
            Settings = new SiteSettings { PhaseAware = rng.NextDouble() < 0.8 },
            Nodes = nodes,
            Evses = evses,
            SiteLoads = loads,
            Envelopes = envelopes,
            Tariff = withSchedule
                ? [new TariffPeriod(t0, t0.AddHours(4)) { PricePerKwh = 0.4 }, new TariffPeriod(t0.AddHours(4), t0.AddHours(10)) { PricePerKwh = 0.15 }, new TariffPeriod(t0.AddHours(10), t0.AddHours(30)) { PricePerKwh = 0.3 }]
                : [],
            At = t0,
        };
    }

    private static Evse AcEvse(Random rng, string id, string parent, DateTimeOffset t0)
    {
        var phases = rng.NextDouble() < 0.3 ? 1 : 3;
        var max = rng.Next(10, 33);
        return new Evse(id, parent)
        {
            Phases = phases,
            MinCurrentA = rng.NextDouble() < 0.8 ? 6 : rng.Next(0, 10),
            MaxCurrentA = max,
            Session = rng.NextDouble() < 0.1 ? null : Session(rng, t0, rng.NextDouble() < 0.3 ? rng.Next(4, 33) : null),
        };
    }

    private static Evse DcEvse(Random rng, string id, string parent, DateTimeOffset t0) => new(id, parent)
    {
        Supply = SupplyType.DC,
        MaxPowerW = rng.Next(20, 151) * 1000,
        MinPowerW = rng.NextDouble() < 0.5 ? rng.Next(0, 10) * 1000 : 0,
        MaxInputCurrentA = rng.NextDouble() < 0.3 ? rng.Next(40, 250) : null,
        Session = rng.NextDouble() < 0.1 ? null : Session(rng, t0, null),
    };

    private static EvseSession Session(Random rng, DateTimeOffset t0, double? maxA)
    {
        var planned = rng.NextDouble() < 0.6;
        return new EvseSession
        {
            MaxCurrentA = maxA,
            Priority = rng.Next(0, 3),
            Weight = rng.NextDouble() < 0.2 ? 2 : 1,
            EnergyNeededWh = planned ? rng.Next(1, 80) * 1000 : null,
            DepartureAt = planned ? t0.AddMinutes(rng.Next(30, 20 * 60)) : null,
            StartedAt = t0.AddMinutes(-rng.Next(0, 600)),
        };
    }

    private static ElectricalLimit Limit(Random rng, int minA, int maxA, bool watts) =>
        watts ? new ElectricalLimit(rng.NextDouble() < 0.5 ? rng.Next(minA, maxA) : null, rng.Next(minA, maxA) * 230 * 2) : new ElectricalLimit(rng.Next(minA, maxA), null);

    private static Phase[] Rotation(Random rng)
    {
        Phase[][] rotations =
        [
            [Phase.L1, Phase.L2, Phase.L3],
            [Phase.L2, Phase.L3, Phase.L1],
            [Phase.L3, Phase.L1, Phase.L2],
        ];
        return rotations[rng.Next(rotations.Length)];
    }
}
