using CentralSystem.Domain.Authorization;

namespace CentralSystem.Tests.Domain;

public class IdTokenPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public void Unregistered_token_is_Unknown() =>
        Assert.That(IdTokenPolicy.Decide(null, Now).Status, Is.EqualTo(IdTokenStatus.Unknown));

    [Test]
    public void Accepted_token_past_expiry_is_Expired()
    {
        var token = new IdTokenRecord("T", "ISO14443", IdTokenStatus.Accepted, Now.AddSeconds(-1), null);
        Assert.That(IdTokenPolicy.Decide(token, Now).Status, Is.EqualTo(IdTokenStatus.Expired));
    }

    [TestCase(IdTokenStatus.Accepted)]
    [TestCase(IdTokenStatus.Blocked)]
    [TestCase(IdTokenStatus.Invalid)]
    public void Stored_status_applies_before_expiry(IdTokenStatus status)
    {
        var token = new IdTokenRecord("T", "ISO14443", status, Now.AddDays(1), "G");
        var decision = IdTokenPolicy.Decide(token, Now);
        Assert.That(decision.Status, Is.EqualTo(status));
        Assert.That(decision.GroupIdToken, Is.EqualTo("G"));
    }
}
