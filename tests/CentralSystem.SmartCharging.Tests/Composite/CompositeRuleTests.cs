using CentralSystem.SmartCharging.Composite;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.SmartCharging.Tests.Composite;

/// <summary>The composite rules on small hand-made stations (no shared data needed).</summary>
public class CompositeRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static ChargingProfile Profile(int id, int evse, ChargingProfilePurpose purpose, int stack, double limit, ChargingRateUnit unit = ChargingRateUnit.A, int? phases = null, int startOffset = 0, int? duration = null, string? tx = null) =>
        new(id, evse, purpose, ChargingProfileKind.Absolute, stack)
        {
            StartSchedule = T0.AddSeconds(startOffset),
            Duration = duration,
            Unit = unit,
            TransactionId = tx,
            Periods = [new ProfilePeriod(0, limit) { NumberPhases = phases }],
        };

    private static CompositeSchedule Run(CompositeScheduleRequest request, params ChargingProfile[] profiles) =>
        CompositeScheduleCalculator.Calculate(new CompositeStation(2) { Profiles = profiles }, request);

    private static CompositeScheduleRequest Charging(int evse = 1, ChargingRateUnit unit = ChargingRateUnit.A) =>
        new(evse, T0, T0.AddHours(1), unit) { Transactions = [new ActiveTransaction(1, "tx-1", T0)] };

    [Test]
    public void K08_TxProfile_overrides_a_lower_TxDefault()
    {
        var r = Run(Charging(), Profile(1, 1, ChargingProfilePurpose.TxDefaultProfile, 9, 10), Profile(2, 1, ChargingProfilePurpose.TxProfile, 0, 25, tx: "tx-1"));
        Assert.That(r.Periods.Single().Limit, Is.EqualTo(25));
    }

    [Test]
    public void TxProfile_of_another_transaction_is_ignored()
    {
        var r = Run(Charging(), Profile(1, 1, ChargingProfilePurpose.TxDefaultProfile, 0, 10), Profile(2, 1, ChargingProfilePurpose.TxProfile, 0, 25, tx: "tx-other"));
        Assert.That(r.Periods.Single().Limit, Is.EqualTo(10));
    }

    [Test]
    public void Station_max_only_lowers()
    {
        var low = Run(Charging(), Profile(1, 1, ChargingProfilePurpose.TxDefaultProfile, 0, 20), Profile(2, 0, ChargingProfilePurpose.ChargingStationMaxProfile, 0, 12));
        var high = Run(Charging(), Profile(1, 1, ChargingProfilePurpose.TxDefaultProfile, 0, 20), Profile(2, 0, ChargingProfilePurpose.ChargingStationMaxProfile, 0, 40));
        Assert.That((low.Periods.Single().Limit, high.Periods.Single().Limit), Is.EqualTo((12.0, 20.0)));
    }

    [Test]
    public void Higher_stack_level_wins_within_a_purpose()
    {
        var r = Run(Charging(), Profile(1, 1, ChargingProfilePurpose.TxDefaultProfile, 1, 20), Profile(2, 1, ChargingProfilePurpose.TxDefaultProfile, 2, 30, startOffset: 600, duration: 600));
        Assert.That(r.Periods.Select(p => (p.StartPeriod, p.Limit)), Is.EqualTo(new[] { (0, 20.0), (600, 30.0), (1200, 20.0) }));
    }

    [Test]
    public void Gaps_get_the_default_limit_without_phases()
    {
        var r = Run(Charging(), Profile(1, 1, ChargingProfilePurpose.TxDefaultProfile, 0, 16, startOffset: 1800));
        Assert.Multiple(() =>
        {
            Assert.That(r.Periods[0].Limit, Is.EqualTo(new CompositeSettings().DefaultLimitA));
            Assert.That(r.Periods[0].NumberPhases, Is.Null);
            Assert.That(r.Periods[1].NumberPhases, Is.EqualTo(3), "AC periods without numberPhases are taken as three-phase");
        });
    }

    [Test]
    public void Watts_are_converted_with_the_period_phases()
    {
        var r = Run(Charging(), Profile(1, 1, ChargingProfilePurpose.TxDefaultProfile, 0, 2300, ChargingRateUnit.W, phases: 1));
        Assert.That(r.Periods.Single().Limit, Is.EqualTo(10));
    }

    [Test]
    public void Without_transaction_or_simulation_only_station_limits_apply()
    {
        var request = new CompositeScheduleRequest(2, T0, T0.AddHours(1), ChargingRateUnit.A);
        var r = Run(request, Profile(1, 0, ChargingProfilePurpose.TxDefaultProfile, 0, 6), Profile(2, 0, ChargingProfilePurpose.ChargingStationMaxProfile, 0, 20));
        Assert.That(r.Periods.Single().Limit, Is.EqualTo(20));
    }

    [Test]
    public void Station_composite_sums_evses_with_defaults_and_caps_with_station_max()
    {
        var request = new CompositeScheduleRequest(0, T0, T0.AddHours(1), ChargingRateUnit.A) { SimulateTransaction = true };
        var r = Run(request, Profile(1, 1, ChargingProfilePurpose.TxDefaultProfile, 0, 16), Profile(2, 0, ChargingProfilePurpose.ChargingStationMaxProfile, 0, 40));
        Assert.That(r.Periods.Single().Limit, Is.EqualTo(40), "16 A + default 48 A, capped at 40 A");
    }

    [Test]
    public void Invalid_profiles_are_ignored()
    {
        var bad = Profile(2, 1, ChargingProfilePurpose.TxDefaultProfile, 5, 3) with { Periods = [new ProfilePeriod(60, 3)] };
        var r = Run(Charging(), Profile(1, 1, ChargingProfilePurpose.TxDefaultProfile, 0, 16), bad);
        Assert.That(r.Periods.Single().Limit, Is.EqualTo(16));
    }
}
