using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// 1ph/3ph switching (seed 003 / EVerest semantics, two known EVerest defects fixed):
/// with P = power the EVSE gets at three phases and P3min = minimum current × 3 × V,
/// P &lt; P3min ⇒ one phase, immediately; currently on one phase, mode Both and P &gt; P3min + power hysteresis ⇒ back to
/// three phases, but only once one phase has not been needed for the time hysteresis; otherwise keep.
/// Once the switch limit is reached the stickiness rule decides.
/// </summary>
/// <remarks>
/// Differences from EVerest: P is the EVSE's fair allocation at three phases (not the raw watt budget left on its
/// path), the time hysteresis is measured against the calculation instant only (EVerest mixes wall clock and
/// optimizer start, fixture 5), and the switch limit is reached at count == max (EVerest checks "greater than").
/// </remarks>
internal static class PhaseSwitchDecider
{
    public static bool IsSwitchable(CompiledSite site, EvseInputs inputs, int e, EvseRole role) =>
        role == EvseRole.Import
        && inputs.SwitchCandidate(e)
        && site.Site.Settings.PhaseSwitching.Mode != PhaseSwitchMode.Never;

    /// <summary>Decides the phase count for one switchable EVSE given the power it would get at three phases.</summary>
    public static (int Phases, PhaseSwitchState State) Decide(PhaseSwitchingSettings settings, double minCurrentA, double voltage, double threePhasePowerW, PhaseSwitchState? previous, DateTimeOffset at)
    {
        var state = previous ?? new PhaseSwitchState();
        var current = state.ActivePhases == 1 ? 1 : 3;
        var p3Min = minCurrentA * 3 * voltage;
        var onePhaseAt = state.OnePhasePreferredAt;
        int wanted;
        if (threePhasePowerW < p3Min - 1e-9)
        {
            wanted = 1;
            onePhaseAt = at;
        }
        else if (current == 1)
        {
            var enough = settings.Mode == PhaseSwitchMode.Both && threePhasePowerW > p3Min + settings.PowerHysteresisW;
            var settled = onePhaseAt is not { } t || at - t >= settings.TimeHysteresis;
            wanted = enough && settled ? 3 : 1;
        }
        else
        {
            wanted = 3;
        }

        if (settings.MaxSwitchesPerSession > 0 && state.SwitchCount >= settings.MaxSwitchesPerSession)
        {
            wanted = settings.Stickiness switch
            {
                SwitchLimitStickiness.SinglePhase => 1,
                SwitchLimitStickiness.ThreePhase => 3,
                _ => current,
            };
        }

        var switches = state.SwitchCount + (wanted != current ? 1 : 0);
        return (wanted, new PhaseSwitchState { ActivePhases = wanted, SwitchCount = switches, OnePhasePreferredAt = onePhaseAt });
    }
}
