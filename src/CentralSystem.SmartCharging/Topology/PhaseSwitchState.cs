namespace CentralSystem.SmartCharging.Topology;

/// <summary>
/// What the phase-switching logic remembers about a session between calculations. The calculator is pure, so the
/// caller stores the <c>PhaseSwitchState</c> returned with each allocation and passes it back next time.
/// </summary>
public sealed record PhaseSwitchState
{
    /// <summary>Phases the EVSE currently charges with (1 or 3).</summary>
    public int ActivePhases { get; init; } = 3;

    /// <summary>Number of phase switches in this session.</summary>
    public int SwitchCount { get; init; }

    /// <summary>Last moment at which one phase was preferred; going back to three phases waits for the time hysteresis.</summary>
    public DateTimeOffset? OnePhasePreferredAt { get; init; }
}
