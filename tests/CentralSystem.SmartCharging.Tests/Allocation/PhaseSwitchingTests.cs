using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Tests.Support;
using CentralSystem.SmartCharging.Topology;
using static CentralSystem.SmartCharging.Tests.Support.SiteBuilder;

namespace CentralSystem.SmartCharging.Tests.Allocation;

public class PhaseSwitchingTests
{
    // P3min = 6 A x 3 x 230 V = 4140 W; hysteresis 500 W / 30 s as in the EVerest fixtures.
    private static readonly PhaseSwitchingSettings Both = new()
    {
        Mode = PhaseSwitchMode.Both,
        PowerHysteresisW = 500,
        TimeHysteresis = TimeSpan.FromSeconds(30),
        MaxSwitchesPerSession = 10,
    };

    private static IEnumerable<TestCaseData> Decisions()
    {
        PhaseSwitchState On(int phases, int switches = 0, double? onePhaseAgoS = null) => new()
        {
            ActivePhases = phases,
            SwitchCount = switches,
            OnePhasePreferredAt = onePhaseAgoS is { } s ? T0.AddSeconds(-s) : null,
        };

        yield return new TestCaseData(Both, 11000.0, On(3), 3, 0).SetName("enough power keeps three phases");
        yield return new TestCaseData(Both, 4000.0, On(3), 1, 1).SetName("below the three-phase minimum switches to one phase at once");
        yield return new TestCaseData(Both, 0.0, On(3), 1, 1).SetName("not admitted at three phases tries one phase");
        yield return new TestCaseData(Both, 4400.0, On(1, 1, 600), 1, 1).SetName("inside the power hysteresis band stays on one phase");
        yield return new TestCaseData(Both, 4700.0, On(1, 1, 10), 1, 1).SetName("above the band but within the time hysteresis waits");
        yield return new TestCaseData(Both, 4700.0, On(1, 1, 30), 3, 2).SetName("above the band after the time hysteresis goes back to three phases");
        yield return new TestCaseData(Both with { Mode = PhaseSwitchMode.Oneway }, 20000.0, On(1, 1, 3600), 1, 1).SetName("oneway never returns to three phases");
        yield return new TestCaseData(Both with { Mode = PhaseSwitchMode.Oneway }, 3000.0, On(3), 1, 1).SetName("oneway still switches down");
        yield return new TestCaseData(Both, 3000.0, On(3, 10), 3, 10).SetName("switch limit reached: DontChange keeps the current phases");
        yield return new TestCaseData(Both with { Stickiness = SwitchLimitStickiness.SinglePhase }, 20000.0, On(3, 10), 1, 11).SetName("switch limit reached: SinglePhase locks to one phase");
        yield return new TestCaseData(Both with { Stickiness = SwitchLimitStickiness.ThreePhase }, 3000.0, On(1, 10), 3, 11).SetName("switch limit reached: ThreePhase locks to three phases");
        yield return new TestCaseData(Both, 3000.0, On(3, 9), 1, 10).SetName("the last allowed switch is still made (EVerest allows one more)");
    }

    [TestCaseSource(nameof(Decisions))]
    public void Decide(PhaseSwitchingSettings settings, double threePhasePowerW, PhaseSwitchState state, int expectedPhases, int expectedSwitches)
    {
        var (phases, next) = PhaseSwitchDecider.Decide(settings, 6, 230, threePhasePowerW, state, T0);
        Assert.Multiple(() =>
        {
            Assert.That(phases, Is.EqualTo(expectedPhases));
            Assert.That(next.ActivePhases, Is.EqualTo(expectedPhases));
            Assert.That(next.SwitchCount, Is.EqualTo(expectedSwitches));
        });
    }

    [Test]
    public void Going_to_one_phase_remembers_when_it_was_needed()
    {
        var (_, next) = PhaseSwitchDecider.Decide(Both, 6, 230, 1000, new PhaseSwitchState(), T0);
        Assert.That(next.OnePhasePreferredAt, Is.EqualTo(T0));
    }

    [Test]
    public void Allocation_switches_to_one_phase_when_three_phase_minimum_does_not_fit()
    {
        // 3000 W: three-phase minimum (4140 W) does not fit; one phase gets 3000 / 230 = 13.04 A.
        var site = new SiteBuilder(rootW: 3000)
            .Settings(s => s with { PhaseSwitching = Both })
            .Charger("cp", "site", with: n => n with { GridPhases = [Phase.L1, Phase.L2, Phase.L3] })
            .Evse("e1", "cp", with: e => e with { CanSwitchPhases = true })
            .Build();
        var a = SmartChargingCalculator.Allocate(site, T0).Evse("e1");
        Assert.Multiple(() =>
        {
            Assert.That(a.Phases, Is.EqualTo(1));
            Assert.That(a.CurrentA, Is.EqualTo(3000.0 / 230).Within(1e-9));
            Assert.That(a.Limit.NumberPhases, Is.EqualTo(1));
            Assert.That(a.PhaseState!.ActivePhases, Is.EqualTo(1));
            Assert.That(a.PhaseState.SwitchCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void Allocation_without_switching_mode_stays_on_three_phases_and_is_excluded()
    {
        var site = new SiteBuilder(rootW: 3000).Evse("e1", "site", with: e => e with { CanSwitchPhases = true }).Build();
        var a = SmartChargingCalculator.Allocate(site, T0).Evse("e1");
        Assert.Multiple(() =>
        {
            Assert.That(a.Phases, Is.EqualTo(3));
            Assert.That(a.CurrentA, Is.Zero);
            Assert.That(a.Lineage[0].Kind, Is.EqualTo(LimitKind.MinimumCurrentExclusion));
        });
    }

    [Test]
    public void Allocation_on_one_phase_returns_to_three_after_hysteresis()
    {
        var site = new SiteBuilder(rootW: 22080)
            .Settings(s => s with { PhaseSwitching = Both })
            .Evse("e1", "site", with: e => e with
            {
                CanSwitchPhases = true,
                PhaseState = new PhaseSwitchState { ActivePhases = 1, SwitchCount = 1, OnePhasePreferredAt = T0.AddMinutes(-5) },
            })
            .Build();
        var a = SmartChargingCalculator.Allocate(site, T0).Evse("e1");
        Assert.Multiple(() =>
        {
            Assert.That(a.Phases, Is.EqualTo(3));
            Assert.That(a.CurrentA, Is.EqualTo(32));
            Assert.That(a.PhaseState!.SwitchCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void While_waiting_for_three_phases_one_phase_may_use_the_whole_budget_up_to_its_rating()
    {
        // EVerest issue #1038: the maintainers consider this correct; the per-phase rating still holds (#1060).
        var site = new SiteBuilder(rootW: 22080)
            .Settings(s => s with { PhaseSwitching = Both })
            .Evse("e1", "site", maxA: 16, with: e => e with
            {
                CanSwitchPhases = true,
                PhaseState = new PhaseSwitchState { ActivePhases = 1, SwitchCount = 1, OnePhasePreferredAt = T0.AddSeconds(-5) },
            })
            .Build();
        var a = SmartChargingCalculator.Allocate(site, T0).Evse("e1");
        Assert.Multiple(() =>
        {
            Assert.That(a.Phases, Is.EqualTo(1));
            Assert.That(a.CurrentA, Is.EqualTo(16));
        });
    }
}
