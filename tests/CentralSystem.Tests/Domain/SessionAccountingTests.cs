using CentralSystem.Domain.Sessions;

namespace CentralSystem.Tests.Domain;

public class SessionAccountingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static ChargingSession Active(decimal? meterStart = 1_000, decimal? first = null, decimal? last = null) =>
        new(1, "CP1", "1", 1, 1, "TAG", Start, meterStart, first, last, null, null, null, null, SessionStatus.Active, []);

    [Test]
    public void Stop_computes_energy_and_defaults_the_reason_to_Local()
    {
        var decision = SessionAccounting.DecideStop(Active(), new SessionStopReport(Start.AddHours(1), 12_000, null, "TAG"));
        Assert.That(decision.Kind, Is.EqualTo(StopDecisionKind.Complete));
        Assert.That(decision.Completion!.EnergyWh, Is.EqualTo(11_000m));
        Assert.That(decision.Completion.StopReason, Is.EqualTo("Local"));
        Assert.That(decision.Completion.Flags, Is.Empty);
    }

    [Test]
    public void MeterStop_below_meterStart_is_flagged_not_stored_negative()
    {
        var decision = SessionAccounting.DecideStop(Active(), new SessionStopReport(Start.AddHours(1), 900, "EVDisconnected", null));
        Assert.That(decision.Completion!.EnergyWh, Is.Null);
        Assert.That(decision.Completion.Flags, Does.Contain(SessionFlags.MeterStopBelowMeterStart));
        Assert.That(decision.Completion.StopReason, Is.EqualTo("EVDisconnected"));
    }

    [Test]
    public void Same_stop_again_is_a_retry_that_changes_nothing()
    {
        var completed = Active() with { Status = SessionStatus.Completed, StoppedAt = Start.AddHours(1), MeterStopWh = 12_000, EnergyWh = 11_000 };
        var decision = SessionAccounting.DecideStop(completed, new SessionStopReport(Start.AddHours(1), 12_000, null, null));
        Assert.That(decision.Kind, Is.EqualTo(StopDecisionKind.Retry));
        Assert.That(decision.Completion, Is.Null);
    }

    [Test]
    public void Different_stop_for_a_completed_session_is_a_conflicting_duplicate()
    {
        var completed = Active() with { Status = SessionStatus.Completed, StoppedAt = Start.AddHours(1), MeterStopWh = 12_000, EnergyWh = 11_000 };
        var decision = SessionAccounting.DecideStop(completed, new SessionStopReport(Start.AddHours(2), 15_000, null, null));
        Assert.That(decision.Kind, Is.EqualTo(StopDecisionKind.ConflictingDuplicate));
    }

    [Test]
    public void Stop_for_unknown_transaction_is_reported_as_such()
    {
        var decision = SessionAccounting.DecideStop(null, new SessionStopReport(Start, 1, null, null));
        Assert.That(decision.Kind, Is.EqualTo(StopDecisionKind.UnknownTransaction));
    }

    [Test]
    public void Missing_meterStop_uses_the_last_reading()
    {
        var decision = SessionAccounting.DecideStop(Active(last: 4_000), new SessionStopReport(Start.AddHours(1), null, null, null));
        Assert.That(decision.Completion!.MeterStopWh, Is.EqualTo(4_000m));
        Assert.That(decision.Completion.EnergyWh, Is.EqualTo(3_000m));
    }

    [Test]
    [Description("CitrineOS core#1060: an offline Transaction.Begin of 0 must not bill the lifetime odometer")]
    public void Implausible_register_jump_falls_back_to_the_first_reading_in_the_session()
    {
        var session = Active(meterStart: 0, first: 50_000_000, last: 50_020_000);
        var decision = SessionAccounting.DecideStop(session, new SessionStopReport(Start.AddHours(1), 50_020_000, null, null));
        Assert.That(decision.Completion!.EnergyWh, Is.EqualTo(20_000m));
        Assert.That(decision.Completion.Flags, Does.Contain(SessionFlags.ImplausibleEnergy));
    }

    [Test]
    public void Stop_before_start_is_flagged()
    {
        var decision = SessionAccounting.DecideStop(Active(), new SessionStopReport(Start.AddMinutes(-5), 1_500, null, null));
        Assert.That(decision.Completion!.Flags, Does.Contain(SessionFlags.StopBeforeStart));
    }

    [Test]
    public void Implicit_close_uses_the_last_reading_and_flags_it()
    {
        var completion = SessionAccounting.CloseImplicitly(Active(last: 2_500), Start.AddHours(3));
        Assert.That(completion.EnergyWh, Is.EqualTo(1_500m));
        Assert.That(completion.Flags, Does.Contain(SessionFlags.ImplicitlyClosed));
        Assert.That(completion.StoppedAt, Is.EqualTo(Start.AddHours(3)));
    }

    [Test]
    public void Retried_start_is_recognised_by_connector_tag_time_and_meter()
    {
        Assert.That(SessionAccounting.IsRetryOfStart(Active(), 1, "TAG", Start, 1_000), Is.True);
        Assert.That(SessionAccounting.IsRetryOfStart(Active(), 1, "TAG", Start.AddSeconds(1), 1_000), Is.False);
        Assert.That(SessionAccounting.IsRetryOfStart(Active(), 2, "TAG", Start, 1_000), Is.False);
    }
}
