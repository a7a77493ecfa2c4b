namespace CentralSystem.SmartCharging.Composite;

/// <summary>One expanded schedule period on the time line, in whole Unix seconds [From, To).</summary>
internal readonly record struct ProfileInterval(long From, long To, int StackLevel, bool EvseSpecific, int ProfileId, LimitValue Value)
{
    /// <summary>Higher stack level wins; on a tie the EVSE's own profile beats a station-wide one, then the lower id.</summary>
    public bool Beats(ProfileInterval other) =>
        StackLevel != other.StackLevel ? StackLevel > other.StackLevel
        : EvseSpecific != other.EvseSpecific ? EvseSpecific
        : ProfileId < other.ProfileId;
}
