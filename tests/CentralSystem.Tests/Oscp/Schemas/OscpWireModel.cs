using CentralSystem.Oscp.Messages;

namespace CentralSystem.Tests.Oscp.Schemas;

/// <summary>
/// Digest §6 (types and enums) with the §7.1 rules a schema can carry, written again by hand for the mutation
/// corpus. Enum values are spelled out here rather than taken from OscpWireNames so that the three sources stay
/// independent.
/// </summary>
internal static class OscpWireModel
{
    private static readonly WireEnum Phase = new("UNKNOWN", "ONE", "TWO", "THREE", "ALL");
    private static readonly WireEnum PowerOrEnergyUnit = new("A", "W", "KW", "WH", "KWH");
    private static readonly WireDateTime Time = new();
    private static readonly WireText Text = new();

    private static readonly WireObject ForecastedBlock = new(
        new WireMember("capacity", new WireNumber(Minimum: 0), true),
        new WireMember("phase", Phase, true),
        new WireMember("unit", PowerOrEnergyUnit, true),
        new WireMember("start_time", Time, true),
        new WireMember("end_time", Time, true));

    private static readonly WireArray ForecastedBlocks = new(ForecastedBlock, MinItems: 1, SamePhaseBlocks: true);

    private static readonly WireObject RequiredBehaviour = new(
        new WireMember("heartbeat_interval", new WireNumber(Minimum: 1, ReaderMaximum: int.MaxValue), false),
        new WireMember("measurement_configuration", new WireArray(new WireEnum("CONTINUOUS", "INTERMITTENT"), MinItems: 0, UniqueItems: true), true));

    private static readonly WireObject EnergyMeasurement = new(
        new WireMember("value", new WireNumber(), true),
        new WireMember("phase", Phase, true),
        new WireMember("unit", new WireEnum("WH", "KWH"), true),
        new WireMember("direction", new WireEnum("NET", "IMPORT", "EXPORT"), true),
        new WireMember("energy_type", new WireEnum("FLEXIBLE", "NONFLEXIBLE", "TOTAL"), false),
        new WireMember("measure_time", Time, true),
        new WireMember("initial_measure_time", Time, false));

    private static readonly WireObject InstantaneousMeasurement = new(
        new WireMember("value", new WireNumber(), true),
        new WireMember("phase", Phase, true),
        new WireMember("unit", PowerOrEnergyUnit, true),
        new WireMember("measure_time", Time, true));

    // Digest §6 [R]: neither measurement is required by the tables, but one of them must be there.
    private static readonly WireObject AssetMeasurement = new(
        [
            new WireMember("asset_id", Text, true),
            new WireMember("asset_category", new WireEnum("CHARGING", "CONSUMPTION", "GENERATION", "STORAGE"), true),
            new WireMember("energy_measurement", EnergyMeasurement, false),
            new WireMember("instantaneous_measurement", InstantaneousMeasurement, false),
        ],
        ["energy_measurement", "instantaneous_measurement"]);

    private static readonly WireObject Forecast = new(
        new WireMember("group_id", Text, true),
        new WireMember("type", new WireEnum("CONSUMPTION", "GENERATION", "FALLBACK_CONSUMPTION", "FALLBACK_GENERATION", "OPTIMUM"), true),
        new WireMember("forecasted_blocks", ForecastedBlocks, true));

    public static WireObject Of(OscpMessageKind kind) => kind switch
    {
        OscpMessageKind.Register => new WireObject(
            new WireMember("token", Text, true),
            new WireMember("version_url", new WireArray(new WireObject(new WireMember("version", Text, true), new WireMember("base_url", new WireUrl(), true)), MinItems: 1), true)),
        OscpMessageKind.Handshake or OscpMessageKind.HandshakeAcknowledge => new WireObject(new WireMember("required_behaviour", RequiredBehaviour, false)),
        OscpMessageKind.Heartbeat => new WireObject(new WireMember("offline_mode_at", Time, true)),
        OscpMessageKind.UpdateGroupCapacityForecast or OscpMessageKind.AdjustGroupCapacityForecast => Forecast,
        OscpMessageKind.GroupCapacityComplianceError => new WireObject(
            new WireMember("message", Text, true),
            new WireMember("forecasted_blocks", ForecastedBlocks, false)),
        OscpMessageKind.UpdateGroupMeasurements => new WireObject(
            new WireMember("group_id", Text, true),
            new WireMember("measurements", new WireArray(EnergyMeasurement, MinItems: 1), true)),
        OscpMessageKind.UpdateAssetMeasurements => new WireObject(
            new WireMember("group_id", Text, true),
            new WireMember("measurements", new WireArray(AssetMeasurement, MinItems: 1), true)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
