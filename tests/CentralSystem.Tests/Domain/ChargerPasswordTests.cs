using CentralSystem.Domain.Chargers;

namespace CentralSystem.Tests.Domain;

public class ChargerPasswordTests
{
    [Test]
    public void Verifies_the_right_password_only_and_salts_each_hash()
    {
        var first = ChargerPassword.Create("0123456789abcdef");
        var second = ChargerPassword.Create("0123456789abcdef");
        Assert.That(first.Verify("0123456789abcdef"), Is.True);
        Assert.That(first.Verify("0123456789abcdeF"), Is.False);
        Assert.That(first.Hash, Is.Not.EqualTo(second.Hash));
        Assert.That(ChargerPassword.Restore(first.Salt, first.Hash).Verify("0123456789abcdef"), Is.True);
    }

    [TestCase(null, false)]
    [TestCase("short", false)]
    [TestCase("0123456789abcdef", true)]
    [TestCase("0123456789012345678901234567890123456789", true)]
    [TestCase("01234567890123456789012345678901234567890", false)]
    public void Length_follows_BasicAuthPassword(string? password, bool valid) =>
        Assert.That(ChargerPassword.Validate(password) is null, Is.EqualTo(valid));
}
