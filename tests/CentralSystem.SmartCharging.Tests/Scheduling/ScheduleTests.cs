using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Scheduling;
using CentralSystem.SmartCharging.Tests.Support;
using CentralSystem.SmartCharging.Topology;
using static CentralSystem.SmartCharging.Tests.Support.SiteBuilder;

namespace CentralSystem.SmartCharging.Tests.Scheduling;

public class ScheduleTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    private static double At(ChargingScheduleResult s, TimeSpan offset) =>
        s.Periods.Last(p => p.StartPeriod <= offset.TotalSeconds).Limit;

    private static LineageEntry? BoundAt(ChargingScheduleResult s, TimeSpan offset) =>
        s.Periods.Last(p => p.StartPeriod <= offset.TotalSeconds).BoundBy;

    private static EvseSession Need(double wh, double departureHours, int priority = 0) =>
        new() { EnergyNeededWh = wh, DepartureAt = T0.AddHours(departureHours), Priority = priority };

    [Test]
    public void A_day_in_quarter_hours_has_96_intervals()
    {
        var r = SmartChargingCalculator.Schedule(new SiteBuilder(32).Evse("e1", "site").Build(), T0, Day, Quarter);
        Assert.Multiple(() =>
        {
            Assert.That(r.SlotStarts, Has.Count.EqualTo(96));
            Assert.That(r.Find("e1")!.DurationSeconds, Is.EqualTo(86400));
        });
    }

    [Test]
    public void An_unaligned_start_gets_a_short_first_interval_then_aligned_ones()
    {
        var at = T0.AddMinutes(7);
        var r = SmartChargingCalculator.Schedule(new SiteBuilder(32).Evse("e1", "site").Build(), at, Day, Quarter);
        Assert.Multiple(() =>
        {
            Assert.That(r.SlotStarts[0], Is.EqualTo(at));
            Assert.That(r.SlotStarts[1], Is.EqualTo(T0.AddMinutes(15)));
            Assert.That(r.SlotStarts[^1], Is.EqualTo(T0.AddHours(24)));
            Assert.That(r.SlotStarts, Has.Count.EqualTo(97));
        });
    }

    [Test]
    public void Without_tariffs_or_changes_the_first_interval_equals_the_now_allocation()
    {
        var site = new SiteBuilder(40).Node("f", "site", 25).Evse("e1", "f").Evse("e2", "f").Evse("e3", "site").Build();
        var now = SmartChargingCalculator.Allocate(site, T0);
        var schedule = SmartChargingCalculator.Schedule(site, T0, Day, Quarter);
        foreach (var evse in now.Evses)
        {
            Assert.That(At(schedule.Find(evse.EvseId)!, TimeSpan.Zero), Is.EqualTo(evse.CurrentA).Within(1e-6), evse.EvseId);
        }
    }

    [Test]
    public void A_future_envelope_lowers_the_limit_only_while_it_is_in_force()
    {
        var site = new SiteBuilder(100).Node("grid", "site", 64).Evse("e1", "grid").Evse("e2", "grid")
            .Envelope(new OperatingEnvelope("dso-1", "grid")
            {
                SourceRequestId = "oscp-42",
                Blocks = [new EnvelopeBlock(T0.AddHours(1), T0.AddHours(2)) { Import = new ElectricalLimit(20, null) }],
            })
            .Build();
        var s = SmartChargingCalculator.Schedule(site, T0, Day, Quarter).Find("e1")!;
        Assert.Multiple(() =>
        {
            Assert.That(At(s, TimeSpan.FromMinutes(30)), Is.EqualTo(32));
            Assert.That(At(s, TimeSpan.FromMinutes(90)), Is.EqualTo(10));
            Assert.That(BoundAt(s, TimeSpan.FromMinutes(90))!.EnvelopeId, Is.EqualTo("dso-1"));
            Assert.That(BoundAt(s, TimeSpan.FromMinutes(90))!.SourceRequestId, Is.EqualTo("oscp-42"));
            Assert.That(At(s, TimeSpan.FromMinutes(150)), Is.EqualTo(32));
        });
    }

    [Test]
    public void An_envelope_block_starting_mid_interval_applies_to_the_whole_interval()
    {
        var site = new SiteBuilder(100).Node("grid", "site", 64).Evse("e1", "grid")
            .Envelope(new OperatingEnvelope("dso-1", "grid") { Blocks = [new EnvelopeBlock(T0.AddMinutes(20), T0.AddHours(1)) { Import = new ElectricalLimit(10, null) }] })
            .Build();
        var s = SmartChargingCalculator.Schedule(site, T0, Day, Quarter).Find("e1")!;
        Assert.That(At(s, TimeSpan.FromMinutes(15)), Is.EqualTo(10), "the 10:15-10:30 interval must be safe for all of its duration");
    }

    [Test]
    public void Flexible_charging_moves_to_the_cheap_window()
    {
        // 22.08 kWh = one hour at 32 A x 3 x 230 V; expensive until +4 h, cheap from +4 h to +8 h, departure +8 h.
        var site = new SiteBuilder(64).Evse("e1", "site", session: Need(22080, 8))
            .Tariff(T0, T0.AddHours(4), 0.40).Tariff(T0.AddHours(4), T0.AddHours(8), 0.12).Tariff(T0.AddHours(8), T0.AddHours(24), 0.30)
            .Build();
        var s = SmartChargingCalculator.Schedule(site, T0, Day, Quarter).Find("e1")!;
        Assert.Multiple(() =>
        {
            Assert.That(At(s, TimeSpan.FromHours(1)), Is.Zero);
            Assert.That(BoundAt(s, TimeSpan.FromHours(1))!.Kind, Is.EqualTo(LimitKind.TariffDeferral));
            Assert.That(At(s, TimeSpan.FromHours(4.5)), Is.EqualTo(32));
            Assert.That(At(s, TimeSpan.FromHours(5.5)), Is.Zero);
            Assert.That(BoundAt(s, TimeSpan.FromHours(5.5))!.Kind, Is.EqualTo(LimitKind.EnergyComplete));
            Assert.That(s.EnergyPlannedWh, Is.EqualTo(22080).Within(1e-3));
            Assert.That(s.DeadlineMet, Is.True);
        });
    }

    [Test]
    public void Carbon_weight_moves_charging_to_the_cleaner_window_at_equal_price()
    {
        var site = new SiteBuilder(64).Settings(s => s with { CarbonWeight = 0.001 }).Evse("e1", "site", session: Need(22080, 8))
            .Tariff(T0, T0.AddHours(4), 0.30, carbon: 450).Tariff(T0.AddHours(4), T0.AddHours(8), 0.30, carbon: 90)
            .Build();
        var s = SmartChargingCalculator.Schedule(site, T0, Day, Quarter).Find("e1")!;
        Assert.That((At(s, TimeSpan.FromHours(1)), At(s, TimeSpan.FromHours(4.5))), Is.EqualTo((0.0, 32.0)));
    }

    [Test]
    public void An_urgent_session_charges_now_whatever_the_price()
    {
        var site = new SiteBuilder(64).Evse("e1", "site", session: Need(22080, 1))
            .Tariff(T0, T0.AddHours(4), 0.90).Tariff(T0.AddHours(4), T0.AddHours(8), 0.10)
            .Build();
        var s = SmartChargingCalculator.Schedule(site, T0, Day, Quarter).Find("e1")!;
        Assert.Multiple(() =>
        {
            Assert.That(At(s, TimeSpan.Zero), Is.EqualTo(32));
            Assert.That(At(s, TimeSpan.FromMinutes(59)), Is.EqualTo(32));
            Assert.That(s.DeadlineMet, Is.True);
        });
    }

    [Test]
    public void An_impossible_deadline_charges_flat_out_and_reports_it_is_missed()
    {
        var site = new SiteBuilder(64).Evse("e1", "site", session: Need(100000, 1)).Build();
        var s = SmartChargingCalculator.Schedule(site, T0, Day, Quarter).Find("e1")!;
        Assert.Multiple(() =>
        {
            Assert.That(At(s, TimeSpan.Zero), Is.EqualTo(32));
            Assert.That(s.DeadlineMet, Is.False);
            Assert.That(s.EnergyPlannedWh, Is.EqualTo(22080).Within(1e-3));
        });
    }

    [Test]
    public void Nothing_is_planned_after_departure()
    {
        var site = new SiteBuilder(64).Evse("e1", "site", session: new EvseSession { DepartureAt = T0.AddHours(2) }).Build();
        var s = SmartChargingCalculator.Schedule(site, T0, Day, Quarter).Find("e1")!;
        Assert.Multiple(() =>
        {
            Assert.That(At(s, TimeSpan.FromHours(1.9)), Is.EqualTo(32));
            Assert.That(At(s, TimeSpan.FromHours(2)), Is.Zero);
            Assert.That(BoundAt(s, TimeSpan.FromHours(2))!.Kind, Is.EqualTo(LimitKind.NoSession));
        });
    }

    [Test]
    public void Capacity_freed_by_a_deferring_session_goes_to_the_others()
    {
        // e1 waits for the cheap window; meanwhile the open-ended e2 may use the whole 32 A fuse, then they share.
        var site = new SiteBuilder(32).Evse("e1", "site", session: Need(11040, 8)).Evse("e2", "site")
            .Tariff(T0, T0.AddHours(4), 0.40).Tariff(T0.AddHours(4), T0.AddHours(8), 0.12)
            .Build();
        var r = SmartChargingCalculator.Schedule(site, T0, Day, Quarter);
        Assert.Multiple(() =>
        {
            Assert.That(At(r.Find("e2")!, TimeSpan.FromHours(1)), Is.EqualTo(32));
            Assert.That(At(r.Find("e1")!, TimeSpan.FromHours(4.25)), Is.EqualTo(16));
            Assert.That(At(r.Find("e2")!, TimeSpan.FromHours(4.25)), Is.EqualTo(16));
            Assert.That(r.Find("e1")!.DeadlineMet, Is.True);
        });
    }

    [Test]
    public void Two_sessions_with_the_same_deadline_both_make_it_when_the_site_can()
    {
        // 32 A shared: 16 A each for 2 h = 22.08 kWh each.
        var site = new SiteBuilder(32).Evse("e1", "site", session: Need(22080, 2)).Evse("e2", "site", session: Need(22080, 2)).Build();
        var r = SmartChargingCalculator.Schedule(site, T0, Day, Quarter);
        Assert.That((r.Find("e1")!.DeadlineMet, r.Find("e2")!.DeadlineMet), Is.EqualTo((true, true)));
    }

    [Test]
    public void Deficit_session_picks_up_what_a_deferring_session_frees()
    {
        // e1 cannot make its deadline at the fair share (16 A for 1 h = 11 kWh < 15 kWh); e2 is flexible and defers,
        // so e1 gets the full 32 A now and makes it.
        var site = new SiteBuilder(32).Evse("e1", "site", session: Need(15000, 1)).Evse("e2", "site", session: Need(5000, 10))
            .Tariff(T0, T0.AddHours(2), 0.50).Tariff(T0.AddHours(2), T0.AddHours(10), 0.10)
            .Build();
        var r = SmartChargingCalculator.Schedule(site, T0, Day, Quarter);
        Assert.Multiple(() =>
        {
            Assert.That(At(r.Find("e1")!, TimeSpan.Zero), Is.EqualTo(32));
            Assert.That(r.Find("e1")!.DeadlineMet, Is.True);
            Assert.That(r.Find("e2")!.DeadlineMet, Is.True);
        });
    }

    [Test]
    public void A_watt_charger_gets_its_schedule_in_watts()
    {
        var site = new SiteBuilder(64).Charger("cp", "site", with: n => n with { RateUnit = ChargingRateUnit.W }).Evse("e1", "cp").Build();
        var s = SmartChargingCalculator.Schedule(site, T0, TimeSpan.FromHours(1), Quarter).Find("e1")!;
        Assert.Multiple(() =>
        {
            Assert.That(s.Unit, Is.EqualTo(ChargingRateUnit.W));
            Assert.That(s.Periods[0].Limit, Is.EqualTo(22080).Within(1e-6));
            Assert.That(s.Periods[0].NumberPhases, Is.EqualTo(3));
        });
    }
}
