namespace CentralSystem.SmartCharging.Allocation;

/// <summary>What bound an allocation (or excluded it).</summary>
public enum LimitKind
{
    /// <summary>A node's static import/export limit.</summary>
    NodeLimit,

    /// <summary>A charger node's rating (its limit, reported separately because operators read it differently).</summary>
    ChargerRating,

    /// <summary>A node's safe capacity, used because its telemetry is stale.</summary>
    SafeCapacity,

    /// <summary>An operating envelope (fresh or fallback) on a node.</summary>
    Envelope,

    /// <summary>The EVSE's own rating (max current/power, DC input current).</summary>
    EvseRating,

    /// <summary>The vehicle's requested maximum.</summary>
    VehicleLimit,

    /// <summary>Demand capped at fresh measured draw plus headroom.</summary>
    MeasuredDemand,

    /// <summary>Not admitted: its minimum current did not fit (or its own limit is below its minimum).</summary>
    MinimumCurrentExclusion,

    /// <summary>Telemetry is stale: the EVSE keeps its fallback demand, reserved as is.</summary>
    StaleTelemetry,

    /// <summary>No vehicle / no session: nothing allocated.</summary>
    NoSession,

    /// <summary>Schedule only: charging deferred to a cheaper or cleaner window.</summary>
    TariffDeferral,

    /// <summary>Schedule only: the session's energy need is already covered (or it has departed).</summary>
    EnergyComplete,
}
