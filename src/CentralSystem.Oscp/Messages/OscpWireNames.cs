using System.Collections.Frozen;

namespace CentralSystem.Oscp.Messages;

/// <summary>
/// Exact, case-sensitive wire spellings of the OSCP enums. System.Text.Json's enum converter accepts lower case and
/// integers (digest §9), so enums are never bound by the serializer: they go through these tables only.
/// </summary>
public static class OscpWireNames
{
    public static readonly WireEnum<CapacityForecastType> ForecastType = new(
        ("CONSUMPTION", CapacityForecastType.Consumption),
        ("GENERATION", CapacityForecastType.Generation),
        ("FALLBACK_CONSUMPTION", CapacityForecastType.FallbackConsumption),
        ("FALLBACK_GENERATION", CapacityForecastType.FallbackGeneration),
        ("OPTIMUM", CapacityForecastType.Optimum));

    public static readonly WireEnum<CapacityUnit> Unit = new(
        ("A", CapacityUnit.A), ("W", CapacityUnit.W), ("KW", CapacityUnit.KW), ("WH", CapacityUnit.WH), ("KWH", CapacityUnit.KWH));

    public static readonly WireEnum<EnergyMeasurementUnit> EnergyUnit = new(
        ("WH", EnergyMeasurementUnit.WH), ("KWH", EnergyMeasurementUnit.KWH));

    public static readonly WireEnum<PhaseIndicator> Phase = new(
        ("UNKNOWN", PhaseIndicator.Unknown), ("ONE", PhaseIndicator.One), ("TWO", PhaseIndicator.Two),
        ("THREE", PhaseIndicator.Three), ("ALL", PhaseIndicator.All));

    public static readonly WireEnum<MeasurementConfiguration> Measurement = new(
        ("CONTINUOUS", MeasurementConfiguration.Continuous), ("INTERMITTENT", MeasurementConfiguration.Intermittent));

    public static readonly WireEnum<EnergyFlowDirection> Direction = new(
        ("NET", EnergyFlowDirection.Net), ("IMPORT", EnergyFlowDirection.Import), ("EXPORT", EnergyFlowDirection.Export));

    public static readonly WireEnum<EnergyType> EnergyKind = new(
        ("FLEXIBLE", EnergyType.Flexible), ("NONFLEXIBLE", EnergyType.NonFlexible), ("TOTAL", EnergyType.Total));

    public static readonly WireEnum<AssetCategory> Asset = new(
        ("CHARGING", AssetCategory.Charging), ("CONSUMPTION", AssetCategory.Consumption),
        ("GENERATION", AssetCategory.Generation), ("STORAGE", AssetCategory.Storage));
}

public sealed class WireEnum<T>
    where T : struct, Enum
{
    private readonly FrozenDictionary<string, T> _byName;
    private readonly FrozenDictionary<T, string> _byValue;

    public WireEnum(params (string Name, T Value)[] entries)
    {
        _byName = entries.ToFrozenDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        _byValue = entries.ToFrozenDictionary(e => e.Value, e => e.Name);
        Names = [.. entries.Select(e => e.Name)];
    }

    public IReadOnlyList<string> Names { get; }

    public bool TryParse(string name, out T value) => _byName.TryGetValue(name, out value);

    public string ToWire(T value) => _byValue[value];
}
