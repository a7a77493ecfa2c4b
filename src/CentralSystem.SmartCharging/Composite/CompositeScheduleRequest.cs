using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Composite;

/// <summary>GetCompositeSchedule for <see cref="EvseId"/> (0 = station) over [<see cref="Start"/>, <see cref="End"/>).</summary>
public sealed record CompositeScheduleRequest(int EvseId, DateTimeOffset Start, DateTimeOffset End, ChargingRateUnit Unit)
{
    /// <summary>Transactions running at the time of the request.</summary>
    public IReadOnlyList<ActiveTransaction> Transactions { get; init; } = [];

    /// <summary>Apply Tx/TxDefault profiles as if a transaction were running (what will happen when one starts).</summary>
    public bool SimulateTransaction { get; init; }

    /// <summary>How long the station has been offline (OCPP 2.1 maxOfflineDuration); null = online.</summary>
    public TimeSpan? OfflineFor { get; init; }
}
