namespace CentralSystem.SmartCharging.Composite;

public sealed record CompositePeriod(int StartPeriod, double Limit)
{
    /// <summary>Null where no profile limited (the default limit fills the gap).</summary>
    public int? NumberPhases { get; init; }

    public double? Setpoint { get; init; }
}
