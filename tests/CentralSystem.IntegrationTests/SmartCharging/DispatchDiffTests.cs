using CentralSystem.Server.SmartCharging;
using CentralSystem.SmartCharging.Topology;

namespace CentralSystem.IntegrationTests.SmartCharging;

public class DispatchDiffTests
{
    private static ProfileSpec Tx(double limit, ChargingRateUnit unit = ChargingRateUnit.A, string tx = "1") =>
        new(DispatchPurpose.TxProfile, 1, unit, limit, unit == ChargingRateUnit.A ? 3 : null) { TransactionId = tx };

    private static bool Send(ProfileSpec? previous, ProfileSpec desired) => DispatchDiff.ShouldSend(previous, desired, 1, 500);

    [Test]
    public void Nothing_sent_yet_is_sent() => Assert.That(Send(null, Tx(16)), Is.True);

    [Test]
    public void Small_increase_is_held_back() => Assert.That(Send(Tx(16), Tx(16.5)), Is.False);

    [Test]
    public void Increase_of_the_hysteresis_is_sent() => Assert.That(Send(Tx(16), Tx(17)), Is.True);

    [Test]
    public void Any_reduction_is_sent_at_once_for_safety() => Assert.That(Send(Tx(16), Tx(15.9)), Is.True);

    [Test]
    public void Watts_use_their_own_hysteresis()
    {
        Assert.That(Send(Tx(7000, ChargingRateUnit.W), Tx(7400, ChargingRateUnit.W)), Is.False);
        Assert.That(Send(Tx(7000, ChargingRateUnit.W), Tx(7500, ChargingRateUnit.W)), Is.True);
    }

    [Test]
    public void New_transaction_or_unit_is_sent()
    {
        Assert.That(Send(Tx(16), Tx(16, tx: "2")), Is.True);
        Assert.That(Send(Tx(16), Tx(16, ChargingRateUnit.W)), Is.True);
    }

    [Test]
    public void Unchanged_is_not_sent() => Assert.That(Send(Tx(16), Tx(16)), Is.False);
}
