namespace CentralSystem.SmartCharging.Topology;

/// <summary>What to do once the maximum number of phase switches per session is reached.</summary>
public enum SwitchLimitStickiness
{
    DontChange,
    SinglePhase,
    ThreePhase,
}
