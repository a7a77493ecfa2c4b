using CentralSystem.SmartCharging.Allocation;
using CentralSystem.SmartCharging.Tests.Support;

namespace CentralSystem.SmartCharging.Tests.Allocation;

public class AllocationRuleTests
{
    [TestCaseSource(typeof(AllocationRuleCases), nameof(AllocationRuleCases.AncestorLimits))]
    public void Ancestor_limits(AllocationCase c) => Verify(c);

    [TestCaseSource(typeof(AllocationRuleCases), nameof(AllocationRuleCases.Admission))]
    public void Minimum_current_admission(AllocationCase c) => Verify(c);

    [TestCaseSource(typeof(AllocationRuleCases), nameof(AllocationRuleCases.Phases))]
    public void Phase_awareness(AllocationCase c) => Verify(c);

    [TestCaseSource(typeof(AllocationRuleCases), nameof(AllocationRuleCases.DirectCurrent))]
    public void Dc_watts(AllocationCase c) => Verify(c);

    [TestCaseSource(typeof(AllocationRuleCases), nameof(AllocationRuleCases.Envelopes))]
    public void Envelopes(AllocationCase c) => Verify(c);

    [TestCaseSource(typeof(AllocationRuleCases), nameof(AllocationRuleCases.StaleTelemetry))]
    public void Stale_telemetry(AllocationCase c) => Verify(c);

    [TestCaseSource(typeof(AllocationRuleCases), nameof(AllocationRuleCases.Discharge))]
    public void Discharge(AllocationCase c) => Verify(c);

    private static void Verify(AllocationCase c)
    {
        var result = SmartChargingCalculator.Allocate(c.Site(), c.At);
        Assert.Multiple(() =>
        {
            foreach (var (evse, expected) in c.Expected)
            {
                var a = result.Evse(evse);
                var actual = c.Watts ? a.PowerW : a.CurrentA!.Value;
                Assert.That(actual, Is.EqualTo(expected).Within(1e-6), $"{evse}: {Describe(a)}");
            }

            foreach (var (evse, kind, node) in c.Binding)
            {
                var first = result.Binding(evse);
                Assert.That(first.Kind, Is.EqualTo(kind), $"{evse} bound by: {Describe(result.Evse(evse))}");
                if (node is not null)
                {
                    Assert.That(first.NodeId, Is.EqualTo(node), $"{evse} bound by: {Describe(result.Evse(evse))}");
                }
            }
        });
    }

    internal static string Describe(EvseAllocation a) =>
        $"{a.CurrentA?.ToString() ?? "-"} A / {a.PowerW} W, lineage [{string.Join("; ", a.Lineage.Select(l => $"{l.Kind} {l.NodeId} {l.EnvelopeId} {l.Unit} {l.Phase} {l.Limit}"))}]";
}
