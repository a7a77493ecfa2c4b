using CentralSystem.Domain.Access;
using CentralSystem.Domain.Authorization;

namespace CentralSystem.Tests.Access;

public class AccessControlServiceTests
{
    private static readonly DateTimeOffset Monday10 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private sealed class FakeTokens : IIdTokenRepository
    {
        public Task<IdTokenRecord?> FindAsync(string idToken, CancellationToken cancellationToken) => Task.FromResult<IdTokenRecord?>(null);

        public Task UpsertAsync(IdTokenRecord token, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<IdTokenRecord>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<IdTokenRecord>>([]);
    }

    private sealed class FakeStore(EffectiveSchedule? schedule, IdentifierMatch? match) : IAccessDecisionStore
    {
        public List<AccessEvent> Events { get; } = [];

        public Task<EffectiveSchedule?> FindEffectiveScheduleAsync(string chargerId, CancellationToken cancellationToken) => Task.FromResult(schedule);

        public Task<IdentifierMatch?> FindIdentifierAsync(string identifierKey, CancellationToken cancellationToken) => Task.FromResult(match);

        public Task RecordEventAsync(AccessEvent accessEvent, CancellationToken cancellationToken)
        {
            Events.Add(accessEvent);
            return Task.CompletedTask;
        }
    }

    private static EffectiveSchedule FleetHours() => new(
        Schedules.In("Europe/Amsterdam", AccessMode.Freevend, Schedules.Rule("fleet hours", AccessMode.Managed, Schedules.Weekdays, "06:00", "18:00")),
        ScheduleSource.Charger, null);

    private static AccessRequest Request(string identifier) => new("cp-1", 1, 1, identifier, "ISO14443", "2.0.1", AccessTrigger.Authorize);

    [Test]
    public async Task Unscheduled_charger_keeps_the_id_token_answer_and_records_nothing()
    {
        var store = new FakeStore(null, null);
        var decision = await new AccessControlService(new AuthorizationService(new FakeTokens()), store).DecideAsync(Request("X"), Monday10, CancellationToken.None);
        Assert.That((decision.Status, decision.DeniedByAccessRules, store.Events.Count), Is.EqualTo((IdTokenStatus.Unknown, false, 0)));
    }

    [Test]
    public async Task Managed_denial_is_recorded_with_rule_and_message_naming_the_reopening_time()
    {
        var store = new FakeStore(FleetHours(), null);
        var decision = await new AccessControlService(new AuthorizationService(new FakeTokens()), store).DecideAsync(Request("X"), Monday10, CancellationToken.None);
        Assert.That(decision.DeniedByAccessRules, Is.True);
        Assert.That(decision.PersonalMessage, Does.Contain("until 18:00"));
        var recorded = store.Events.Single();
        Assert.That((recorded.Allowed, recorded.Rule, recorded.Mode, recorded.EvseId), Is.EqualTo((false, "fleet hours", AccessMode.Managed, 1)));
    }

    [Test]
    public async Task Freevend_accept_expires_at_the_switch_to_managed()
    {
        var store = new FakeStore(FleetHours(), null);
        var saturday = new DateTimeOffset(2026, 11, 7, 10, 0, 0, TimeSpan.Zero);
        var decision = await new AccessControlService(new AuthorizationService(new FakeTokens()), store).DecideAsync(Request("X"), saturday, CancellationToken.None);
        Assert.That(decision.Allowed, Is.True);
        Assert.That(decision.CacheExpiresAt, Is.EqualTo(new DateTimeOffset(2026, 11, 9, 5, 0, 0, TimeSpan.Zero)));
    }
}
