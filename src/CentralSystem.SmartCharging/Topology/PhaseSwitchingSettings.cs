namespace CentralSystem.SmartCharging.Topology;

public sealed record PhaseSwitchingSettings
{
    public PhaseSwitchMode Mode { get; init; } = PhaseSwitchMode.Never;

    /// <summary>0 = unlimited.</summary>
    public int MaxSwitchesPerSession { get; init; }

    public SwitchLimitStickiness Stickiness { get; init; } = SwitchLimitStickiness.DontChange;

    /// <summary>Going back to three phases needs this much power above the three-phase minimum.</summary>
    public double PowerHysteresisW { get; init; } = 200;

    /// <summary>Going back to three phases needs one phase not to have been preferred for this long.</summary>
    public TimeSpan TimeHysteresis { get; init; } = TimeSpan.FromSeconds(600);
}
