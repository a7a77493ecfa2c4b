using CentralSystem.Domain.Access;
using CentralSystem.Domain.Authorization;

namespace CentralSystem.Tests.Access;

public class AccessPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly AccessModeResolution Managed = new(AccessMode.Managed, null);
    private static readonly AccessModeResolution Freevend = new(AccessMode.Freevend, null);
    private static readonly AuthorizationDecision UnknownToken = new(IdTokenStatus.Unknown, null, null);

    private static IdentifierMatch Own() => new("bus-1", AccessClass.Own, IdentifierType.Rfid, null);

    private static IdentifierMatch UnderAgreement(DateTimeOffset? from = null, DateTimeOffset? to = null, string[]? sites = null, string[]? chargers = null) =>
        new("van-7", AccessClass.Agreement, IdentifierType.Mac, new Agreement("ag-1", "Acme logistics", from, to, sites ?? [], chargers ?? []));

    [Test]
    public void Managed_own_vehicle_is_accepted()
    {
        var verdict = AccessPolicy.Decide(Managed, UnknownToken, Own(), "cp-1", null, Now);
        Assert.That((verdict.Allowed, verdict.Status, verdict.Reason), Is.EqualTo((true, IdTokenStatus.Accepted, AccessReason.OwnVehicle)));
    }

    [Test]
    public void Managed_unknown_identifier_is_an_access_denial_not_a_token_status()
    {
        var verdict = AccessPolicy.Decide(Managed, UnknownToken, null, "cp-1", null, Now);
        Assert.That((verdict.Allowed, verdict.DeniedByAccessRules, verdict.Class, verdict.Reason),
            Is.EqualTo((false, true, AccessClass.Unknown, AccessReason.UnknownIdentifier)));
    }

    [Test]
    public void Managed_token_accepted_by_the_id_token_list_alone_is_still_unknown()
    {
        var verdict = AccessPolicy.Decide(Managed, new AuthorizationDecision(IdTokenStatus.Accepted, null, null), null, "cp-1", null, Now);
        Assert.That(verdict.Allowed, Is.False);
    }

    [Test]
    public void Freevend_accepts_anyone()
    {
        var verdict = AccessPolicy.Decide(Freevend, UnknownToken, null, "cp-1", null, Now);
        Assert.That((verdict.Allowed, verdict.Reason), Is.EqualTo((true, AccessReason.Freevend)));
    }

    [TestCase(IdTokenStatus.Blocked)]
    [TestCase(IdTokenStatus.Expired)]
    public void A_blocked_token_stays_blocked_in_every_mode(IdTokenStatus status)
    {
        var token = new AuthorizationDecision(status, null, null);
        foreach (var mode in new[] { Managed, Freevend })
        {
            var verdict = AccessPolicy.Decide(mode, token, Own(), "cp-1", null, Now);
            Assert.That((verdict.Allowed, verdict.Status, verdict.DeniedByAccessRules), Is.EqualTo((false, status, false)));
        }
    }

    [Test]
    public void Without_a_schedule_the_id_token_list_decides()
    {
        Assert.That(AccessPolicy.Decide(null, UnknownToken, null, "cp-1", null, Now).Status, Is.EqualTo(IdTokenStatus.Unknown));
        Assert.That(AccessPolicy.Decide(null, new AuthorizationDecision(IdTokenStatus.Accepted, null, null), null, "cp-1", null, Now).Allowed, Is.True);
    }

    [Test]
    public void Agreement_validity_is_inclusive_from_and_exclusive_to()
    {
        var from = Now;
        var to = Now.AddDays(30);
        Assert.Multiple(() =>
        {
            Assert.That(AccessPolicy.Decide(Managed, UnknownToken, UnderAgreement(from, to), "cp-1", null, from.AddTicks(-1)).Reason, Is.EqualTo(AccessReason.AgreementNotYetValid));
            Assert.That(AccessPolicy.Decide(Managed, UnknownToken, UnderAgreement(from, to), "cp-1", null, from).Reason, Is.EqualTo(AccessReason.AgreementVehicle));
            Assert.That(AccessPolicy.Decide(Managed, UnknownToken, UnderAgreement(from, to), "cp-1", null, to.AddTicks(-1)).Allowed, Is.True);
            Assert.That(AccessPolicy.Decide(Managed, UnknownToken, UnderAgreement(from, to), "cp-1", null, to).Reason, Is.EqualTo(AccessReason.AgreementExpired));
            Assert.That(AccessPolicy.Decide(Managed, UnknownToken, UnderAgreement(), "cp-1", null, Now).Allowed, Is.True, "open-ended");
        });
    }

    [Test]
    public void Agreement_scope_by_site_or_charger()
    {
        var bySite = UnderAgreement(sites: ["depot-north"]);
        var byCharger = UnderAgreement(chargers: ["cp-9"]);
        Assert.Multiple(() =>
        {
            Assert.That(AccessPolicy.Decide(Managed, UnknownToken, bySite, "cp-1", "depot-north", Now).Allowed, Is.True);
            Assert.That(AccessPolicy.Decide(Managed, UnknownToken, bySite, "cp-1", "depot-south", Now).Reason, Is.EqualTo(AccessReason.AgreementOutOfScope));
            Assert.That(AccessPolicy.Decide(Managed, UnknownToken, bySite, "cp-1", null, Now).Allowed, Is.False);
            Assert.That(AccessPolicy.Decide(Managed, UnknownToken, byCharger, "cp-9", null, Now).Allowed, Is.True);
            Assert.That(AccessPolicy.Decide(Managed, UnknownToken, byCharger, "cp-1", "depot-north", Now).Allowed, Is.False);
        });
    }

    [Test]
    public void Denial_message_names_the_local_time_access_reopens()
    {
        var schedule = new AccessSchedule("Europe/Amsterdam", AccessMode.Freevend,
            [new AccessRule("fleet", AccessMode.Managed, new HashSet<DayOfWeek> { DayOfWeek.Monday }, new TimeOnly(6, 0), new TimeOnly(18, 0))]);
        var next = AccessScheduleEvaluator.NextSwitchAfter(schedule, Now);
        var text = DenialMessage.For(AccessReason.UnknownIdentifier, next, schedule.Zone, Now);
        Assert.That(text, Is.EqualTo("Access denied: this charger is reserved for fleet vehicles until 18:00."));
        Assert.That(text.Length, Is.LessThanOrEqualTo(DenialMessage.MaxLength));
    }
}
