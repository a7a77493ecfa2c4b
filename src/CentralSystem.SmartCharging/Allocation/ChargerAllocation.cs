using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Allocation;

/// <summary>
/// Sum over a charger's EVSEs, for charger-based strategies (one ChargePointMax / ChargingStationMax profile per
/// charger instead of one TxProfile per EVSE).
/// </summary>
public sealed record ChargerAllocation(string ChargerId)
{
    /// <summary>Highest per-phase current the charger's EVSEs draw together on any grid phase.</summary>
    public double CurrentA { get; init; }

    public double PowerW { get; init; }

    public required ChargingLimit Limit { get; init; }

    public IReadOnlyList<string> EvseIds { get; init; } = [];
}
