using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Tests.Support;
using CentralSystem.SmartCharging.Topology;
using static CentralSystem.SmartCharging.Tests.Support.SiteBuilder;

namespace CentralSystem.SmartCharging.Tests.Replay;

/// <summary>
/// Where we deliberately differ from EVerest (smart-charging-reference.md §3.8–3.9, the "port_derived_probes"):
/// each test states EVerest's result and ours.
/// </summary>
public class BeyondEverestTests
{
    [Test]
    public void Round_cap_ac_no_55_5_A_ceiling()
    {
        // EVerest: 6 A + 99 × 0.5 A slices = 55.5 A at most per run ("Maximum number of trading rounds reached").
        var site = new SiteBuilder(100).Evse("e1", "site", maxA: 80).Build();
        Assert.That(SmartChargingCalculator.Allocate(site, T0).Amps("e1"), Is.EqualTo(80));
    }

    [Test]
    public void Round_cap_dc_watt_only_no_50_kW_ceiling()
    {
        // EVerest: 100 × 500 W slices = 50 kW at most on a watt-only path.
        var site = new SiteBuilder(rootW: 400000).DcEvse("d1", "site", 150000).Build();
        Assert.That(SmartChargingCalculator.Allocate(site, T0).Evse("d1").PowerW, Is.EqualTo(150000).Within(1e-6));
    }

    [Test]
    public void Min_current_starvation_is_decided_by_priority_not_tree_order()
    {
        // EVerest: 16 A fuse, three 6 A minimums → 8 / 8 / 0 in tree order (the last in the tree starves).
        var site = new SiteBuilder(16)
            .Evse("first", "site", session: Charging(priority: 0))
            .Evse("second", "site", session: Charging(priority: 0))
            .Evse("third", "site", session: Charging(priority: 3))
            .Build();
        var r = SmartChargingCalculator.Allocate(site, T0);
        Assert.Multiple(() =>
        {
            Assert.That(r.Amps("third"), Is.EqualTo(8));
            Assert.That(r.Amps("first") + r.Amps("second"), Is.EqualTo(8));
        });
    }

    [Test]
    public void Phase_unaware_two_single_phase_evses_on_different_phases_get_the_full_fuse()
    {
        // EVerest: 16 + 16 A (phase-blind sum). Ours with a known rotation: 32 + 32 A, each on its own phase.
        var site = new SiteBuilder(32)
            .Charger("c1", "site", with: n => n with { GridPhases = [Phase.L1] }).Evse("e1", "c1", phases: 1)
            .Charger("c2", "site", with: n => n with { GridPhases = [Phase.L2] }).Evse("e2", "c2", phases: 1)
            .Build();
        var r = SmartChargingCalculator.Allocate(site, T0);
        Assert.That((r.Amps("e1"), r.Amps("e2")), Is.EqualTo((32.0, 32.0)));
    }

    [Test]
    public void Dc_evse_is_not_limited_by_an_ac_side_bsp_amp_cap_unless_configured()
    {
        // EVerest#2291: DC EVSEs capped (~21 kW) by the BSP's AC amp capability. We cap DC by its own watt rating and
        // by an AC input rating only when one is configured (maxInputCurrentA).
        var site = new SiteBuilder(400).DcEvse("d1", "site", 120000).Build();
        Assert.That(SmartChargingCalculator.Allocate(site, T0).Evse("d1").PowerW, Is.EqualTo(120000).Within(1e-6));
    }
}
