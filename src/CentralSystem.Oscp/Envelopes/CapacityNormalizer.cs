using CentralSystem.Oscp.Messages;

namespace CentralSystem.Oscp.Envelopes;

/// <summary>Digest §8.2: every block to total W and per-phase A at the configured nominal voltage (power factor 1).</summary>
public static class CapacityNormalizer
{
    public static NormalizedLimit Normalize(StoredForecastBlock block, EnvelopeOptions options)
    {
        var volts = options.NominalVoltageV;
        var phases = options.Phases;
        var value = block.Capacity;
        switch (block.Unit)
        {
            case CapacityUnit.A:
                return block.Phase switch
                {
                    // A + ALL: the same limit on each phase; UNKNOWN is read as ALL, the conservative choice.
                    PhaseIndicator.All or PhaseIndicator.Unknown => new(volts * value * phases, value, value, value, FromCurrent: true, FromPower: false),
                    _ => OnePhase(block.Phase, value, fromCurrent: true),
                };
            default:
                var watts = block.Unit switch
                {
                    CapacityUnit.W => value,
                    CapacityUnit.KW => value * 1000,

                    // Digest §12 Q8: energy in a capacity block is unclear; read it as a budget spread over the block.
                    CapacityUnit.WH => value / (block.End - block.Start).TotalHours,
                    CapacityUnit.KWH => value * 1000 / (block.End - block.Start).TotalHours,
                    _ => throw new ArgumentOutOfRangeException(nameof(block), block.Unit, "unknown unit"),
                };
                return block.Phase switch
                {
                    // W + ALL is a total; its even per-phase share is recorded for display, the calculator gets watts.
                    PhaseIndicator.All or PhaseIndicator.Unknown => new(watts, watts / (volts * phases), watts / (volts * phases), watts / (volts * phases), FromCurrent: false, FromPower: true),
                    _ => OnePhase(block.Phase, watts / volts, fromCurrent: true),
                };
        }
    }

    // A single-phase block limits that phase only; it says nothing about the total.
    private static NormalizedLimit OnePhase(PhaseIndicator phase, double amps, bool fromCurrent) => phase switch
    {
        PhaseIndicator.One => new(null, amps, null, null, fromCurrent, FromPower: false),
        PhaseIndicator.Two => new(null, null, amps, null, fromCurrent, FromPower: false),
        _ => new(null, null, null, amps, fromCurrent, FromPower: false),
    };
}
