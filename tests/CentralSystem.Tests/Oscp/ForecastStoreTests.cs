using CentralSystem.Oscp.Envelopes;
using CentralSystem.Oscp.Messages;
using static CentralSystem.Tests.Oscp.Forecasts;

namespace CentralSystem.Tests.Oscp;

[TestFixture]
public sealed class ForecastStoreTests
{
    private static List<(DateTimeOffset Start, DateTimeOffset End, double Capacity, string RequestId)> Stored(ForecastStore store, CapacityForecastType type = CapacityForecastType.Consumption) =>
        [.. store.Blocks("site-42", type).Select(b => (b.Start, b.End, b.Capacity, b.RequestId))];

    [Test]
    public void Emergency_forecast_replaces_only_its_own_span()
    {
        // Digest §4.1/§8.1: ELMO day-ahead (24 h) then an emergency cut for 15:00–18:00.
        var store = new ForecastStore();
        store.Apply(Consumption(Block(0, 12, 150), Block(12, 24, 150)), "day-ahead", Day, ForecastReplacement.SpanReplace);

        store.Apply(Consumption(Block(15, 18, 50)), "emergency", Day, ForecastReplacement.SpanReplace);

        Assert.That(Stored(store), Is.EqualTo(new[]
        {
            (At(0), At(12), 150d, "day-ahead"),
            (At(12), At(15), 150d, "day-ahead"),
            (At(15), At(18), 50d, "emergency"),
            (At(18), At(24), 150d, "day-ahead"),
        }));
    }

    [Test]
    public void Span_replacement_drops_blocks_inside_and_trims_blocks_across_the_edges()
    {
        var store = new ForecastStore();
        store.Apply(Consumption(Block(0, 2, 10), Block(2, 4, 20), Block(4, 6, 30), Block(6, 8, 40)), "old", Day, ForecastReplacement.SpanReplace);

        // Span [3, 5) — a gap inside the new message's span still wipes what was there.
        store.Apply(Consumption(Block(3, 3.5, 1), Block(4.5, 5, 2)), "new", Day, ForecastReplacement.SpanReplace);

        Assert.That(Stored(store), Is.EqualTo(new[]
        {
            (At(0), At(2), 10d, "old"),
            (At(2), At(3), 20d, "old"),
            (At(3), At(3.5), 1d, "new"),
            (At(4.5), At(5), 2d, "new"),
            (At(5), At(6), 30d, "old"),
            (At(6), At(8), 40d, "old"),
        }));
    }

    [Test]
    public void Replace_all_drops_every_stored_block_of_the_type()
    {
        var store = new ForecastStore();
        store.Apply(Consumption(Block(0, 2, 10), Block(10, 12, 20)), "old", Day, ForecastReplacement.SpanReplace);

        store.Apply(Consumption(Block(3, 4, 1)), "new", Day, ForecastReplacement.ReplaceAll);

        Assert.That(Stored(store), Is.EqualTo(new[] { (At(3), At(4), 1d, "new") }));
    }

    [Test]
    public void Other_types_are_untouched()
    {
        var store = new ForecastStore();
        store.Apply(Message(CapacityForecastType.FallbackConsumption, Block(0, 24, 32, CapacityUnit.A)), "fb", Day, ForecastReplacement.SpanReplace);

        store.Apply(Consumption(Block(0, 24, 100)), "c", Day, ForecastReplacement.ReplaceAll);

        Assert.That(Stored(store, CapacityForecastType.FallbackConsumption), Has.Count.EqualTo(1));
        Assert.That(Stored(store), Has.Count.EqualTo(1));
    }

    [Test]
    public void Instants_are_stored_in_utc()
    {
        var store = new ForecastStore();
        var plus8 = TimeSpan.FromHours(8);
        store.Apply(
            Consumption(new ForecastedBlock(50, PhaseIndicator.All, CapacityUnit.KW, new(2024, 9, 12, 15, 0, 0, plus8), new(2024, 9, 12, 18, 0, 0, plus8))),
            "r", Day, ForecastReplacement.SpanReplace);

        var block = store.Blocks("site-42", CapacityForecastType.Consumption).Single();

        Assert.That(block.Start.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(block.Start, Is.EqualTo(new DateTimeOffset(2024, 9, 12, 7, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Prune_and_remove()
    {
        var store = new ForecastStore();
        store.Apply(Consumption(Block(0, 1, 1), Block(1, 2, 2)), "r", Day, ForecastReplacement.SpanReplace);

        Assert.That(store.Prune(At(1)), Is.EqualTo(1));
        Assert.That(Stored(store), Has.Count.EqualTo(1));

        store.Remove("site-42");
        Assert.That(store.AllBlocks("site-42"), Is.Empty);
    }
}
