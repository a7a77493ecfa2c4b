using System.Text.Json;
using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Validation;

public static partial class OscpMessageReader
{
    private static List<ForecastedBlock> Blocks(JsonElement root, string parent, OscpReaderOptions options)
    {
        var blocks = Array(root, "forecasted_blocks", parent, static (e, p) =>
        {
            var capacity = Number(Required(e, "capacity", p), Join(p, "capacity"));
            if (capacity < 0)
            {
                // Digest §6: capacity is a magnitude ≥ 0; direction comes from the forecast type.
                throw Invalid(Join(p, "capacity"), "must be at least 0");
            }

            var start = Time(Required(e, "start_time", p), Join(p, "start_time"));
            var end = Time(Required(e, "end_time", p), Join(p, "end_time"));

            // Digest §7.1: end_time > start_time for every block (zero-length blocks included).
            if (end <= start)
            {
                throw Invalid(Join(p, "end_time"), "must be after start_time");
            }

            return new ForecastedBlock(
                capacity,
                Enum(Required(e, "phase", p), Join(p, "phase"), OscpWireNames.Phase),
                Enum(Required(e, "unit", p), Join(p, "unit"), OscpWireNames.Unit),
                start,
                end);
        });

        var path = Join(parent, "forecasted_blocks");

        // Digest §7.1: no overlap for the same phase within one message; different phases may share a window.
        for (var i = 0; i < blocks.Count; i++)
        {
            for (var j = i + 1; j < blocks.Count; j++)
            {
                var a = blocks[i];
                var b = blocks[j];
                if (a.Phase == b.Phase && a.StartTime < b.EndTime && b.StartTime < a.EndTime)
                {
                    throw Invalid($"{path}[{j}]", $"overlaps {path}[{i}] on phase {OscpWireNames.Phase.ToWire(a.Phase)}");
                }
            }
        }

        // Digest §7.1: mixed units are a per-profile policy; strict by default.
        if (options.RejectMixedUnits && blocks.Select(b => b.Unit).Distinct().Count() > 1)
        {
            throw Invalid(path, "mixes units within one message");
        }

        return blocks;
    }
}
