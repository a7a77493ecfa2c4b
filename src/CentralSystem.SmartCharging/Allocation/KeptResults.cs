using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// The result records a prepared site handed out last call, per EVSE, charger and node: one is handed out again while
/// it says the same thing bit for bit. Between dispatcher runs most values stay the same, and the records are
/// immutable, so sharing them between results is safe (lineage arrays are shared the same way).
/// </summary>
internal sealed class KeptResults(int evses, int chargers, int nodes)
{
    public EvseAllocation?[] Evses { get; } = new EvseAllocation?[evses];

    public ChargerAllocation?[] Chargers { get; } = new ChargerAllocation?[chargers];

    public NodeAllocation?[] Nodes { get; } = new NodeAllocation?[nodes];

    /// <summary>Equal to the bit (0 and −0 print differently).</summary>
    public static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    public static bool Same(double? a, double? b) => a is { } x ? b is { } y && Same(x, y) : b is null;

    public static bool Same(ChargingLimit limit, ChargingRateUnit unit, double value, int? phases) =>
        limit.Unit == unit && Same(limit.Limit, value) && limit.NumberPhases == phases;

    public static bool Same(PhaseValues a, PhaseValues b) => Same(a.L1, b.L1) && Same(a.L2, b.L2) && Same(a.L3, b.L3);

    public static bool Same(ElectricalLimit a, ElectricalLimit b) => Same(a.CurrentA, b.CurrentA) && Same(a.PowerW, b.PowerW);
}
