using System.Globalization;
using System.Text.Json;

namespace CentralSystem.Oscp.Messages;

/// <summary>
/// Writes OSCP bodies for outbound requests: snake_case members, exact enum spellings, RFC 3339 UTC timestamps with
/// milliseconds, absent optionals omitted. Strict and complete on send (digest §12 Q3): a RequiredBehaviour always
/// carries measurement_configuration.
/// </summary>
public static class OscpMessageWriter
{
    public static byte[] Write(OscpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            switch (message)
            {
                case RegisterMessage m:
                    json.WriteString("token", m.Token);
                    json.WriteStartArray("version_url");
                    foreach (var v in m.VersionUrls)
                    {
                        json.WriteStartObject();
                        json.WriteString("version", v.Version);
                        json.WriteString("base_url", v.BaseUrl.ToString().TrimEnd('/'));
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    break;
                case HandshakeMessage m:
                    Behaviour(json, m.RequiredBehaviour);
                    break;
                case HandshakeAcknowledgeMessage m:
                    Behaviour(json, m.RequiredBehaviour);
                    break;
                case HeartbeatMessage m:
                    Time(json, "offline_mode_at", m.OfflineModeAt);
                    break;
                case GroupCapacityForecastMessage m:
                    json.WriteString("group_id", m.GroupId);
                    json.WriteString("type", OscpWireNames.ForecastType.ToWire(m.Type));
                    Blocks(json, m.ForecastedBlocks);
                    break;
                case GroupCapacityComplianceErrorMessage m:
                    json.WriteString("message", m.Message);
                    if (m.ForecastedBlocks is { Count: > 0 } blocks)
                    {
                        Blocks(json, blocks);
                    }

                    break;
                case UpdateGroupMeasurementsMessage m:
                    json.WriteString("group_id", m.GroupId);
                    json.WriteStartArray("measurements");
                    foreach (var e in m.Measurements)
                    {
                        json.WriteStartObject();
                        Energy(json, e);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    break;
                case UpdateAssetMeasurementsMessage m:
                    json.WriteString("group_id", m.GroupId);
                    json.WriteStartArray("measurements");
                    foreach (var a in m.Measurements)
                    {
                        json.WriteStartObject();
                        json.WriteString("asset_id", a.AssetId);
                        json.WriteString("asset_category", OscpWireNames.Asset.ToWire(a.AssetCategory));
                        if (a.EnergyMeasurement is { } e)
                        {
                            json.WriteStartObject("energy_measurement");
                            Energy(json, e);
                            json.WriteEndObject();
                        }

                        if (a.InstantaneousMeasurement is { } i)
                        {
                            json.WriteStartObject("instantaneous_measurement");
                            json.WriteNumber("value", i.Value);
                            json.WriteString("phase", OscpWireNames.Phase.ToWire(i.Phase));
                            json.WriteString("unit", OscpWireNames.Unit.ToWire(i.Unit));
                            Time(json, "measure_time", i.MeasureTime);
                            json.WriteEndObject();
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, "unknown OSCP message");
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Behaviour(Utf8JsonWriter json, RequiredBehaviour? behaviour)
    {
        if (behaviour is null)
        {
            return;
        }

        json.WriteStartObject("required_behaviour");
        if (behaviour.HeartbeatIntervalSeconds is { } seconds)
        {
            json.WriteNumber("heartbeat_interval", seconds);
        }

        json.WriteStartArray("measurement_configuration");
        foreach (var config in behaviour.MeasurementConfiguration)
        {
            json.WriteStringValue(OscpWireNames.Measurement.ToWire(config));
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Blocks(Utf8JsonWriter json, IReadOnlyList<ForecastedBlock> blocks)
    {
        json.WriteStartArray("forecasted_blocks");
        foreach (var b in blocks)
        {
            json.WriteStartObject();
            json.WriteNumber("capacity", b.Capacity);
            json.WriteString("phase", OscpWireNames.Phase.ToWire(b.Phase));
            json.WriteString("unit", OscpWireNames.Unit.ToWire(b.Unit));
            Time(json, "start_time", b.StartTime);
            Time(json, "end_time", b.EndTime);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Energy(Utf8JsonWriter json, EnergyMeasurement e)
    {
        json.WriteNumber("value", e.Value);
        json.WriteString("phase", OscpWireNames.Phase.ToWire(e.Phase));
        json.WriteString("unit", OscpWireNames.EnergyUnit.ToWire(e.Unit));
        json.WriteString("direction", OscpWireNames.Direction.ToWire(e.Direction));
        if (e.EnergyType is { } type)
        {
            json.WriteString("energy_type", OscpWireNames.EnergyKind.ToWire(type));
        }

        Time(json, "measure_time", e.MeasureTime);
        if (e.InitialMeasureTime is { } initial)
        {
            Time(json, "initial_measure_time", initial);
        }
    }

    // Digest §1: RFC 3339 with an explicit offset; UTC recommended.
    private static void Time(Utf8JsonWriter json, string name, DateTimeOffset value) =>
        json.WriteString(name, value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
