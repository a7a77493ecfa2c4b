using CentralSystem.Oscp.Http;

namespace CentralSystem.Tests.Oscp;

[TestFixture]
public sealed class RequestIdLedgerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Remembered_id_is_a_duplicate_for_that_peer_only()
    {
        var ledger = new RequestIdLedger(new ManualTimeProvider(Start), TimeSpan.FromHours(1));

        Assert.That(ledger.IsDuplicate("dso", "r1"), Is.False);
        ledger.Remember("dso", "r1");

        Assert.That(ledger.IsDuplicate("dso", "r1"), Is.True);
        Assert.That(ledger.IsDuplicate("other", "r1"), Is.False);
        Assert.That(ledger.IsDuplicate("dso", "R1"), Is.False);
    }

    [Test]
    public void Ids_are_forgotten_after_the_retention()
    {
        var clock = new ManualTimeProvider(Start);
        var ledger = new RequestIdLedger(clock, TimeSpan.FromHours(1));
        ledger.Remember("dso", "r1");

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.That(ledger.IsDuplicate("dso", "r1"), Is.False);
    }

    [Test]
    public void Oldest_ids_are_dropped_beyond_the_per_peer_bound()
    {
        var ledger = new RequestIdLedger(new ManualTimeProvider(Start), TimeSpan.FromHours(1), maxPerPeer: 2);
        ledger.Remember("dso", "r1");
        ledger.Remember("dso", "r2");
        ledger.Remember("dso", "r3");

        Assert.That(ledger.IsDuplicate("dso", "r1"), Is.False);
        Assert.That(ledger.IsDuplicate("dso", "r3"), Is.True);
    }
}
