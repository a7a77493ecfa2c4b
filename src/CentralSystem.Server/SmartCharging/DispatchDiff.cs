namespace CentralSystem.Server.SmartCharging;

/// <summary>Decides whether a new limit is worth a SetChargingProfile (pure, unit-tested).</summary>
public static class DispatchDiff
{
    /// <summary>
    /// True when <paramref name="desired"/> must be sent given what the charger was last sent: anything new or of a
    /// different shape, every reduction (safety: the circuit may be over its limit until the charger obeys), and
    /// increases of at least the hysteresis (1 A / 500 W by default) so small fluctuations do not spam chargers.
    /// </summary>
    public static bool ShouldSend(ProfileSpec? previous, ProfileSpec desired, double hysteresisA, double hysteresisW)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (previous is null
            || previous.Purpose != desired.Purpose
            || previous.EvseId != desired.EvseId
            || previous.Unit != desired.Unit
            || previous.NumberPhases != desired.NumberPhases
            || !string.Equals(previous.TransactionId, desired.TransactionId, StringComparison.Ordinal))
        {
            return true;
        }

        if (desired.Limit < previous.Limit)
        {
            return true;
        }

        var threshold = desired.Unit == CentralSystem.SmartCharging.Topology.ChargingRateUnit.A ? hysteresisA : hysteresisW;
        return desired.Limit - previous.Limit >= threshold;
    }
}
