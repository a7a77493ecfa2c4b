using CentralSystem.Oscp.Registration;

namespace CentralSystem.Tests.Oscp;

[TestFixture]
public sealed class OscpTokensTests
{
    [Test]
    public void Generated_tokens_are_64_url_safe_characters_and_unique()
    {
        var a = OscpTokens.Generate();
        var b = OscpTokens.Generate();

        Assert.That(a, Has.Length.EqualTo(64));
        Assert.That(a, Does.Match("^[A-Za-z0-9_-]+$"));
        Assert.That(a, Is.Not.EqualTo(b));
    }

    [Test]
    public void Only_the_hash_is_needed_to_verify()
    {
        var token = OscpTokens.Generate();
        var hash = OscpTokens.Hash(token);

        Assert.That(hash, Has.Length.EqualTo(32));
        Assert.That(OscpTokens.Matches(token, hash), Is.True);
        Assert.That(OscpTokens.Matches(token + "x", hash), Is.False);
        Assert.That(OscpTokens.Matches(token.ToUpperInvariant(), hash), Is.False);
    }
}
