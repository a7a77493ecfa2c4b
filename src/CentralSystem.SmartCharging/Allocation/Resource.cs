namespace CentralSystem.SmartCharging.Allocation;

/// <summary>What a constraint measures at its node.</summary>
internal enum Resource : byte
{
    L1 = 0,
    L2 = 1,
    L3 = 2,

    /// <summary>
    /// One constraint for all three phases: used when every EVSE below loads all phases equally, so the three phase
    /// budgets move together and only the tightest can bind (saves two thirds of the work on typical depots).
    /// </summary>
    AllPhases = 3,

    Power = 4,
}
