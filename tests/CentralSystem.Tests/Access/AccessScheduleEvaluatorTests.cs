using CentralSystem.Domain.Access;
using static CentralSystem.Tests.Access.Schedules;

namespace CentralSystem.Tests.Access;

public class AccessScheduleEvaluatorTests
{
    private const string Amsterdam = "Europe/Amsterdam";
    private const string Sydney = "Australia/Sydney";

    private static readonly AccessSchedule FleetHours = In(Amsterdam, AccessMode.Freevend,
        Rule("fleet hours", AccessMode.Managed, Weekdays, "06:00", "18:00"));

    // 2026-11-02 is a Monday; Amsterdam is UTC+1 in November.
    [TestCase("2026-11-02T04:59:59Z", AccessMode.Freevend)]
    [TestCase("2026-11-02T05:00:00Z", AccessMode.Managed)]
    [TestCase("2026-11-02T16:59:59Z", AccessMode.Managed)]
    [TestCase("2026-11-02T17:00:00Z", AccessMode.Freevend)]
    [TestCase("2026-11-07T10:00:00Z", AccessMode.Freevend)]
    public void Weekday_window_is_half_open_in_local_time(string instant, AccessMode expected) =>
        Assert.That(AccessScheduleEvaluator.ModeAt(FleetHours, Utc(instant)).Mode, Is.EqualTo(expected));

    [Test]
    public void Default_mode_reports_no_rule_and_a_rule_reports_its_name()
    {
        Assert.That(AccessScheduleEvaluator.ModeAt(FleetHours, Utc("2026-11-07T10:00:00Z")).RuleName, Is.EqualTo(AccessModeResolution.DefaultRuleName));
        Assert.That(AccessScheduleEvaluator.ModeAt(FleetHours, Utc("2026-11-02T10:00:00Z")).RuleName, Is.EqualTo("fleet hours"));
    }

    [Test]
    public void Next_switch_after_friday_evening_wraps_the_weekend_to_monday_morning()
    {
        var next = AccessScheduleEvaluator.NextSwitchAfter(FleetHours, Utc("2026-11-06T17:00:00Z"));
        Assert.That(next!.At, Is.EqualTo(Utc("2026-11-09T05:00:00Z")));
        Assert.That(next.To.Mode, Is.EqualTo(AccessMode.Managed));
    }

    [Test]
    public void Next_switch_at_an_edge_is_the_following_edge_not_the_same_instant()
    {
        var next = AccessScheduleEvaluator.NextSwitchAfter(FleetHours, Utc("2026-11-02T05:00:00Z"));
        Assert.That(next!.At, Is.EqualTo(Utc("2026-11-02T17:00:00Z")));
    }

    [Test]
    public void Window_crossing_midnight_and_the_week_boundary_belongs_to_the_day_it_starts()
    {
        // Sunday 22:00 to Monday 06:00: Sunday 2026-11-08.
        var schedule = In(Amsterdam, AccessMode.Freevend, Rule("night", AccessMode.Managed, [DayOfWeek.Sunday], "22:00", "06:00"));
        Assert.Multiple(() =>
        {
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-11-08T20:59:59Z")).Mode, Is.EqualTo(AccessMode.Freevend));
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-11-08T21:00:00Z")).Mode, Is.EqualTo(AccessMode.Managed));
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-11-09T04:59:59Z")).Mode, Is.EqualTo(AccessMode.Managed));
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-11-09T05:00:00Z")).Mode, Is.EqualTo(AccessMode.Freevend));
            // Saturday night is not covered: the rule is for Sunday only.
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-11-07T23:00:00Z")).Mode, Is.EqualTo(AccessMode.Freevend));
        });
    }

    [Test]
    public void Start_equal_to_end_is_a_full_day()
    {
        var schedule = In(Amsterdam, AccessMode.Freevend, Rule("all day", AccessMode.Managed, [DayOfWeek.Wednesday], "00:00", "00:00"));
        Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-11-03T23:00:00Z")).Mode, Is.EqualTo(AccessMode.Managed)); // Wed 00:00 local
        Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-11-04T22:59:59Z")).Mode, Is.EqualTo(AccessMode.Managed));
        Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-11-04T23:00:00Z")).Mode, Is.EqualTo(AccessMode.Freevend));
    }

    [Test]
    public void Overlap_Managed_wins_over_Freevend_and_the_first_managed_rule_is_reported()
    {
        var schedule = In(Amsterdam, AccessMode.Managed,
            Rule("open day", AccessMode.Freevend, EveryDay, "08:00", "20:00"),
            Rule("fleet peak", AccessMode.Managed, Weekdays, "16:00", "18:00"),
            Rule("fleet late", AccessMode.Managed, Weekdays, "17:00", "19:00"));
        Assert.Multiple(() =>
        {
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-11-02T10:00:00Z")).RuleName, Is.EqualTo("open day"));
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-11-02T15:30:00Z")).RuleName, Is.EqualTo("fleet peak"));
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-11-02T16:30:00Z")).RuleName, Is.EqualTo("fleet peak"));
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-11-02T17:30:00Z")).Mode, Is.EqualTo(AccessMode.Managed));
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-11-02T18:30:00Z")).Mode, Is.EqualTo(AccessMode.Freevend));
        });

        // Back-to-back managed windows are one managed stretch: 15:00Z (16:00 local) to 18:00Z (19:00 local).
        var next = AccessScheduleEvaluator.NextSwitchAfter(schedule, Utc("2026-11-02T15:30:00Z"));
        Assert.That(next!.At, Is.EqualTo(Utc("2026-11-02T18:00:00Z")));
    }

    [Test]
    public void A_schedule_that_never_changes_has_no_next_switch()
    {
        Assert.That(AccessScheduleEvaluator.NextSwitchAfter(In(Amsterdam, AccessMode.Managed), Utc("2026-11-02T10:00:00Z")), Is.Null);
        var always = In(Amsterdam, AccessMode.Freevend, Rule("always", AccessMode.Managed, EveryDay, "00:00", "00:00"));
        Assert.That(AccessScheduleEvaluator.NextSwitchAfter(always, Utc("2026-11-02T10:00:00Z")), Is.Null);
    }

    // Spring forward in Amsterdam: Sunday 2026-03-29, 02:00 CET becomes 03:00 CEST at 01:00Z.
    [Test]
    public void Spring_forward_a_start_inside_the_gap_begins_when_the_clocks_jump()
    {
        var schedule = In(Amsterdam, AccessMode.Freevend, Rule("night", AccessMode.Managed, [DayOfWeek.Sunday], "02:30", "05:00"));
        Assert.Multiple(() =>
        {
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-03-29T00:59:59Z")).Mode, Is.EqualTo(AccessMode.Freevend));
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-03-29T01:00:00Z")).Mode, Is.EqualTo(AccessMode.Managed));
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-03-29T02:59:59Z")).Mode, Is.EqualTo(AccessMode.Managed));
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-03-29T03:00:00Z")).Mode, Is.EqualTo(AccessMode.Freevend)); // 05:00 CEST
        });
        Assert.That(AccessScheduleEvaluator.NextSwitchAfter(schedule, Utc("2026-03-28T12:00:00Z"))!.At, Is.EqualTo(Utc("2026-03-29T01:00:00Z")));
    }

    [Test]
    public void Spring_forward_shifts_the_utc_edges_of_a_daily_window_by_an_hour()
    {
        var schedule = In(Amsterdam, AccessMode.Freevend, Rule("day", AccessMode.Managed, EveryDay, "08:00", "18:00"));
        Assert.That(AccessScheduleEvaluator.NextSwitchAfter(schedule, Utc("2026-03-28T00:00:00Z"))!.At, Is.EqualTo(Utc("2026-03-28T07:00:00Z")));
        Assert.That(AccessScheduleEvaluator.NextSwitchAfter(schedule, Utc("2026-03-29T00:00:00Z"))!.At, Is.EqualTo(Utc("2026-03-29T06:00:00Z")));
    }

    [Test]
    public void Spring_forward_a_window_entirely_inside_the_gap_is_empty()
    {
        var schedule = In(Amsterdam, AccessMode.Freevend, Rule("gap", AccessMode.Managed, [DayOfWeek.Sunday], "02:10", "02:50"));
        Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-03-29T01:00:00Z")).Mode, Is.EqualTo(AccessMode.Freevend));
    }

    // Fall back in Amsterdam: Sunday 2026-10-25, 03:00 CEST becomes 02:00 CET at 01:00Z; 02:00-02:59 happens twice.
    [Test]
    public void Fall_back_an_ambiguous_start_takes_the_first_occurrence()
    {
        var schedule = In(Amsterdam, AccessMode.Freevend, Rule("early", AccessMode.Managed, [DayOfWeek.Sunday], "02:30", "04:00"));
        Assert.Multiple(() =>
        {
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-10-25T00:29:59Z")).Mode, Is.EqualTo(AccessMode.Freevend));
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-10-25T00:30:00Z")).Mode, Is.EqualTo(AccessMode.Managed)); // 02:30 CEST
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-10-25T01:45:00Z")).Mode, Is.EqualTo(AccessMode.Managed)); // 02:45 CET
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-10-25T03:00:00Z")).Mode, Is.EqualTo(AccessMode.Freevend)); // 04:00 CET
        });
    }

    [Test]
    public void Fall_back_an_ambiguous_end_ends_at_the_first_occurrence()
    {
        var schedule = In(Amsterdam, AccessMode.Freevend, Rule("night", AccessMode.Managed, [DayOfWeek.Saturday], "22:00", "02:30"));
        Assert.Multiple(() =>
        {
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-10-25T00:29:59Z")).Mode, Is.EqualTo(AccessMode.Managed));
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-10-25T00:30:00Z")).Mode, Is.EqualTo(AccessMode.Freevend));
            Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-10-25T01:30:00Z")).Mode, Is.EqualTo(AccessMode.Freevend)); // 02:30 CET again
        });
    }

    [Test]
    public void Fall_back_a_daily_window_lasts_25_hours_when_it_spans_the_night()
    {
        var schedule = In(Amsterdam, AccessMode.Freevend, Rule("all", AccessMode.Managed, [DayOfWeek.Saturday], "12:00", "12:00"));
        var start = Utc("2026-10-24T10:00:00Z"); // 12:00 CEST
        var next = AccessScheduleEvaluator.NextSwitchAfter(schedule, start);
        Assert.That(next!.At - start, Is.EqualTo(TimeSpan.FromHours(25)));
    }

    // Sydney: DST starts Sunday 2026-10-04 02:00 AEST -> 03:00 AEDT (16:00Z on the 3rd); ends Sunday 2026-04-05 03:00 AEDT -> 02:00 AEST.
    [Test]
    public void Southern_hemisphere_spring_forward_in_october()
    {
        var schedule = In(Sydney, AccessMode.Freevend, Rule("depot night", AccessMode.Managed, [DayOfWeek.Sunday], "02:15", "06:00"));
        Assert.That(AccessScheduleEvaluator.NextSwitchAfter(schedule, Utc("2026-10-03T00:00:00Z"))!.At, Is.EqualTo(Utc("2026-10-03T16:00:00Z")));
        Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-10-03T18:59:59Z")).Mode, Is.EqualTo(AccessMode.Managed)); // 05:59:59 AEDT
        Assert.That(AccessScheduleEvaluator.ModeAt(schedule, Utc("2026-10-03T19:00:00Z")).Mode, Is.EqualTo(AccessMode.Freevend)); // 06:00 AEDT
    }

    [Test]
    public void Southern_hemisphere_fall_back_in_april_takes_the_first_occurrence()
    {
        var schedule = In(Sydney, AccessMode.Freevend, Rule("depot night", AccessMode.Managed, [DayOfWeek.Sunday], "02:30", "05:00"));
        // 02:30 AEDT (+11) on 2026-04-05 is 15:30Z on the 4th; the second 02:30 (AEST, +10) would be 16:30Z.
        Assert.That(AccessScheduleEvaluator.NextSwitchAfter(schedule, Utc("2026-04-04T00:00:00Z"))!.At, Is.EqualTo(Utc("2026-04-04T15:30:00Z")));
    }
}
