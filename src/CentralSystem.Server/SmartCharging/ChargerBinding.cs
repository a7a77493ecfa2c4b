using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Server.SmartCharging;

public sealed record ChargerBinding(string NodeId, string ChargePointId, DispatchStrategy Strategy, ChargingRateUnit Unit, IReadOnlyList<EvseBinding> Evses)
{
    public ElectricalLimit? SafeImport { get; init; }

    public int Phases { get; init; } = 3;

    public double NominalVoltageV { get; init; } = 230;

    /// <summary>The limit installed on boot: the charger node's safeImport in the charger's unit, else the configured default.</summary>
    public ProfileSpec SafeProfile(double defaultSafeCurrentA)
    {
        var purpose = Strategy == DispatchStrategy.Charger ? DispatchPurpose.SafeStationMax : DispatchPurpose.SafeTxDefault;
        var amps = SafeImport?.CurrentA;
        var watts = SafeImport?.PowerW;
        double value = Unit == ChargingRateUnit.A
            ? Math.Min(amps ?? double.MaxValue, watts is { } w ? w / (NominalVoltageV * Phases) : double.MaxValue)
            : Math.Min(watts ?? double.MaxValue, amps is { } a ? a * NominalVoltageV * Phases : double.MaxValue);
        if (value == double.MaxValue)
        {
            value = Unit == ChargingRateUnit.A ? defaultSafeCurrentA : defaultSafeCurrentA * NominalVoltageV * Phases;
        }

        return new ProfileSpec(purpose, 0, Unit, ProfileSpec.RoundLimit(Unit, value), Unit == ChargingRateUnit.A ? Phases : null);
    }
}
