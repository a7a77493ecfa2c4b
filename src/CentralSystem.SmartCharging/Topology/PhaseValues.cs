namespace CentralSystem.SmartCharging.Topology;

/// <summary>One value per grid phase, e.g. measured amps on L1, L2 and L3.</summary>
public readonly record struct PhaseValues(double L1, double L2, double L3)
{
    public static PhaseValues Uniform(double value) => new(value, value, value);

    public double this[Phase phase] => phase switch
    {
        Phase.L1 => L1,
        Phase.L2 => L2,
        _ => L3,
    };

    public double Max => Math.Max(L1, Math.Max(L2, L3));

    public double Sum => L1 + L2 + L3;
}
