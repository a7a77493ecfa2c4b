using System.Globalization;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.Server.SmartCharging;

/// <summary>
/// A version-neutral charging profile for one target: one period from now at <see cref="Limit"/> (already rounded to
/// what is sent). <see cref="TransactionId"/> is required for TxProfile (OCPP 2.0.1 K01.FR.03).
/// </summary>
public sealed record ProfileSpec(DispatchPurpose Purpose, int EvseId, ChargingRateUnit Unit, double Limit, int? NumberPhases)
{
    public string? TransactionId { get; init; }

    /// <summary>Truncated toward zero to 0.1 A / 1 W: never more than allocated, and a multiple of 0.1 (1.6 schema).</summary>
    public static double RoundLimit(ChargingRateUnit unit, double value) =>
        unit == ChargingRateUnit.A ? Math.Truncate(value * 10) / 10 : Math.Truncate(value);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Purpose} evse {EvseId}: {Limit} {Unit}{(TransactionId is null ? string.Empty : $" tx {TransactionId}")}");
}
