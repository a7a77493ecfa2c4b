using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Composite;

/// <summary>
/// A protocol-neutral charging profile as a charger holds it (OCPP 1.6 / 2.0.1 SetChargingProfile content), installed
/// on <see cref="EvseId"/> (0 = the whole station; a TxDefaultProfile there applies to every EVSE).
/// </summary>
public sealed record ChargingProfile(int Id, int EvseId, ChargingProfilePurpose Purpose, ChargingProfileKind Kind, int StackLevel)
{
    public RecurrencyKind? Recurrency { get; init; }

    /// <summary>TxProfile: the transaction it belongs to.</summary>
    public string? TransactionId { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidTo { get; init; }

    public ChargingRateUnit Unit { get; init; } = ChargingRateUnit.A;

    /// <summary>Required for Absolute and Recurring, absent for Relative.</summary>
    public DateTimeOffset? StartSchedule { get; init; }

    /// <summary>Schedule duration in seconds; null = until the next recurrence or forever.</summary>
    public int? Duration { get; init; }

    public IReadOnlyList<ProfilePeriod> Periods { get; init; } = [];

    /// <summary>OCPP 2.1 maxOfflineDuration (seconds): ignored while the station has been offline longer.</summary>
    public int? MaxOfflineDuration { get; init; }

    /// <summary>OCPP 2.1: when <see cref="MaxOfflineDuration"/> is exceeded the profile is to be deleted.</summary>
    public bool InvalidAfterOfflineDuration { get; init; }
}
