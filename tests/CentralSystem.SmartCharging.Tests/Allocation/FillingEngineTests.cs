using CentralSystem.SmartCharging.Allocation;

namespace CentralSystem.SmartCharging.Tests.Allocation;

/// <summary>The filling engine in isolation: one or two constraints, items given as (floor, cap, weight).</summary>
public class FillingEngineTests
{
    private static FillingResult Solve(double[] capacities, (double Floor, double Cap, double Weight, int[] Constraints)[] items)
    {
        var start = new int[items.Length + 1];
        var cons = new List<int>();
        for (var i = 0; i < items.Length; i++)
        {
            cons.AddRange(items[i].Constraints);
            start[i + 1] = cons.Count;
        }

        var p = new FillingProblem(items.Length, capacities.Length, start, [.. cons], [.. cons.Select(_ => 1.0)]);
        for (var i = 0; i < items.Length; i++)
        {
            (p.Floor[i], p.Cap[i], p.Weight[i]) = (items[i].Floor, items[i].Cap, items[i].Weight);
        }

        capacities.CopyTo(p.Capacity, 0);
        return FillingEngine.Solve(p);
    }

    [Test]
    public void Equal_share_of_one_constraint()
    {
        var r = Solve([30], [(0, 100, 1, [0]), (0, 100, 1, [0]), (0, 100, 1, [0])]);
        Assert.That(r.Value, Is.EqualTo(new[] { 10.0, 10, 10 }).Within(1e-9));
        Assert.That(r.Binding, Is.All.EqualTo(0));
    }

    [Test]
    public void Capped_item_leaves_the_rest_to_others()
    {
        var r = Solve([30], [(0, 4, 1, [0]), (0, 100, 1, [0]), (0, 100, 1, [0])]);
        Assert.That(r.Value, Is.EqualTo(new[] { 4.0, 13, 13 }).Within(1e-9));
        Assert.That(r.Binding[0], Is.EqualTo(FillingResult.OwnCap));
    }

    [Test]
    public void Weighted_item_activates_from_its_floor()
    {
        // Level λ: A = λ, B = max(6, λ), C = max(3, 2λ); C starts rising at λ = 1.5; 13 = λ + 6 + 2λ ⇒ λ = 7/3.
        var r = Solve([13], [(0, 24, 1, [0]), (6, 15, 1, [0]), (3, 24, 2, [0])]);
        Assert.That(r.Value, Is.EqualTo(new[] { 7.0 / 3, 6, 14.0 / 3 }).Within(1e-9));
    }

    [Test]
    public void Constraint_filling_exactly_at_an_activation_freezes_everything_in_it()
    {
        // Regression (property test seed 201): A (w 2, floor 8) rises from λ = 4, the others sit at 6 until λ = 6,
        // where the constraint is exactly full; A must stop at 12, not continue to its cap.
        var r = Solve([42], [(8, 26, 2, [0]), (6, 11, 1, [0]), (6, 14, 1, [0]), (6, 15, 1, [0]), (6, 16, 1, [0]), (6, 19, 1, [0])]);
        Assert.That(r.Value.Sum(), Is.EqualTo(42).Within(1e-9));
        Assert.That(r.Value[0], Is.EqualTo(12).Within(1e-9));
    }

    [Test]
    public void Nested_constraints_water_fill_globally()
    {
        // Outer 40 over {a, b, c}; inner 25 over {a, b}: a = b = 12.5, c = 15.
        var r = Solve([40, 25], [(0, 100, 1, [0, 1]), (0, 100, 1, [0, 1]), (0, 100, 1, [0])]);
        Assert.That(r.Value, Is.EqualTo(new[] { 12.5, 12.5, 15 }).Within(1e-9));
    }

    [Test]
    public void Infinite_capacity_constraint_never_binds()
    {
        var r = Solve([double.PositiveInfinity], [(0, 7, 1, [0]), (0, 9, 1, [0])]);
        Assert.That(r.Value, Is.EqualTo(new[] { 7.0, 9 }));
    }

    [Test]
    public void Over_committed_constraint_gives_rising_items_nothing()
    {
        var r = Solve([-5], [(0, 10, 1, [0]), (0, 10, 1, [0])]);
        Assert.That(r.Value, Is.EqualTo(new[] { 0.0, 0 }));
    }

    [Test]
    public void Unlimited_constraint_does_not_stop_an_activating_item()
    {
        // Regression (property test seed 24): a constraint without a limit at this instant (capacity ∞) was taken for
        // a full one when an item left its floor. Here C (floor 3, weight 2) must keep rising: 13 = λ + 2λ.
        var r = Solve([double.PositiveInfinity, 13], [(3, 24, 2, [0, 1]), (0, 24, 1, [1])]);
        Assert.That(r.Value, Is.EqualTo(new[] { 26.0 / 3, 13.0 / 3 }).Within(1e-9));
    }
}
