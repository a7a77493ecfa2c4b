namespace CentralSystem.SmartCharging.Composite;

/// <summary>A charging schedule period: from <see cref="StartPeriod"/> seconds after the schedule start.</summary>
public sealed record ProfilePeriod(int StartPeriod, double Limit)
{
    public int? NumberPhases { get; init; }

    /// <summary>OCPP 2.1 setpoint (carried through when present).</summary>
    public double? Setpoint { get; init; }
}
