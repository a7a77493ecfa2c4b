using CentralSystem.Oscp.Messages;
using CentralSystem.Oscp.Validation;

namespace CentralSystem.Tests.Oscp;

/// <summary>One row per rule of digest §6/§7.1 (and the invalid sample list of §10): 400 (or 501) with a message naming the member.</summary>
[TestFixture]
public sealed class OscpInvalidMessageTests
{
    private const string Block = """{"capacity":10,"phase":"ALL","unit":"KW","start_time":"2026-03-01T00:00:00Z","end_time":"2026-03-01T01:00:00Z"}""";

    private static string Forecast(string groupId = "\"site-42\"", string type = "\"CONSUMPTION\"", string blocks = "[" + Block + "]") =>
        $$"""{"group_id":{{groupId}},"type":{{type}},"forecasted_blocks":{{blocks}}}""";

    private static string OneBlock(string capacity = "10", string phase = "\"ALL\"", string unit = "\"KW\"",
        string start = "\"2026-03-01T00:00:00Z\"", string end = "\"2026-03-01T01:00:00Z\"") =>
        Forecast(blocks: $$"""[{"capacity":{{capacity}},"phase":{{phase}},"unit":{{unit}},"start_time":{{start}},"end_time":{{end}}}]""");

    private static string Measurement(string inner) => $$"""{"group_id":"g","measurements":[{{{inner}}}]}""";

    private const string GoodMeasurement = """ "value":1,"phase":"ALL","unit":"KWH","direction":"IMPORT","measure_time":"2026-03-01T00:00:00Z" """;

    private static IEnumerable<TestCaseData> Cases()
    {
        const OscpMessageKind ugcf = OscpMessageKind.UpdateGroupCapacityForecast;

        TestCaseData Case(string name, OscpMessageKind kind, string body, string member, int status = 400) =>
            new TestCaseData(kind, body, status, member).SetName($"Invalid_{name}");

        // Malformed / wrong root.
        yield return Case("not_json", ugcf, """{"group_id":"site-42","type":"CONS""", "not valid JSON");
        yield return Case("root_array", ugcf, "[]", "body");
        yield return Case("duplicate_member", ugcf, """{"group_id":"a","group_id":"b","type":"CONSUMPTION","forecasted_blocks":[""" + Block + "]}", "not valid JSON");

        // UpdateGroupCapacityForecast schema rules.
        yield return Case("missing_group_id", ugcf, """{"type":"CONSUMPTION","forecasted_blocks":[""" + Block + "]}", "group_id: is required");
        yield return Case("empty_group_id", ugcf, Forecast(groupId: "\"\""), "group_id: must not be empty");
        yield return Case("numeric_group_id", ugcf, Forecast(groupId: "42"), "group_id: must be a string");
        yield return Case("type_LIMIT", ugcf, Forecast(type: "\"LIMIT\""), "type: 'LIMIT'");
        yield return Case("type_lower_case", ugcf, Forecast(type: "\"consumption\""), "type: 'consumption'");
        yield return Case("type_integer", ugcf, Forecast(type: "0"), "type: must be a string");
        yield return Case("missing_type", ugcf, """{"group_id":"g","forecasted_blocks":[""" + Block + "]}", "type: is required");
        yield return Case("missing_blocks", ugcf, """{"group_id":"g","type":"CONSUMPTION"}""", "forecasted_blocks: is required");
        yield return Case("empty_blocks", ugcf, Forecast(blocks: "[]"), "forecasted_blocks: must have at least 1");
        yield return Case("blocks_not_array", ugcf, Forecast(blocks: Block), "forecasted_blocks: must be an array");
        yield return Case("block_not_object", ugcf, Forecast(blocks: "[1]"), "forecasted_blocks[0]: must be an object");
        yield return Case("capacity_negative", ugcf, OneBlock(capacity: "-5"), "forecasted_blocks[0].capacity: must be at least 0");
        yield return Case("capacity_string", ugcf, OneBlock(capacity: "\"123.4\""), "forecasted_blocks[0].capacity: must be a number");
        yield return Case("capacity_missing", ugcf, Forecast(blocks: """[{"phase":"ALL","unit":"KW","start_time":"2026-03-01T00:00:00Z","end_time":"2026-03-01T01:00:00Z"}]"""), "forecasted_blocks[0].capacity: is required");
        yield return Case("unit_kW", ugcf, OneBlock(unit: "\"kW\""), "forecasted_blocks[0].unit: 'kW'");
        yield return Case("unit_EUR_per_KWH", ugcf, OneBlock(unit: "\"EUR/KWH\""), "forecasted_blocks[0].unit: 'EUR/KWH'");
        yield return Case("phase_L1", ugcf, OneBlock(phase: "\"L1\""), "forecasted_blocks[0].phase: 'L1'");
        yield return Case("phase_missing", ugcf, Forecast(blocks: """[{"capacity":1,"unit":"KW","start_time":"2026-03-01T00:00:00Z","end_time":"2026-03-01T01:00:00Z"}]"""), "forecasted_blocks[0].phase: is required");

        // Semantic rules (digest §7.1).
        yield return Case("start_without_offset", ugcf, OneBlock(start: "\"2026-03-01T00:00:00\""), "forecasted_blocks[0].start_time: '2026-03-01T00:00:00' is not an RFC 3339");
        yield return Case("start_space_separated", ugcf, OneBlock(start: "\"2026-03-01 00:00:00Z\""), "forecasted_blocks[0].start_time");
        yield return Case("start_date_only", ugcf, OneBlock(start: "\"2026-03-01\""), "forecasted_blocks[0].start_time");
        yield return Case("start_impossible_date", ugcf, OneBlock(start: "\"2026-02-30T00:00:00Z\""), "forecasted_blocks[0].start_time");
        yield return Case("start_number", ugcf, OneBlock(start: "1772323200"), "forecasted_blocks[0].start_time: must be an RFC 3339");
        yield return Case("end_before_start", ugcf, OneBlock(end: "\"2026-02-28T23:00:00Z\""), "forecasted_blocks[0].end_time: must be after start_time");
        yield return Case("zero_length_block", ugcf, OneBlock(end: "\"2026-03-01T00:00:00Z\""), "forecasted_blocks[0].end_time: must be after start_time");
        yield return Case("same_phase_overlap", ugcf, Forecast(blocks: "[" + Block + """,{"capacity":5,"phase":"ALL","unit":"KW","start_time":"2026-03-01T00:30:00Z","end_time":"2026-03-01T02:00:00Z"}]"""), "forecasted_blocks[1]: overlaps forecasted_blocks[0] on phase ALL");
        yield return Case("mixed_units", ugcf, Forecast(blocks: "[" + Block + """,{"capacity":5,"phase":"ALL","unit":"A","start_time":"2026-03-01T01:00:00Z","end_time":"2026-03-01T02:00:00Z"}]"""), "forecasted_blocks: mixes units");

        // Adjust shares the shape.
        yield return Case("adjust_missing_type", OscpMessageKind.AdjustGroupCapacityForecast, """{"group_id":"g","forecasted_blocks":[""" + Block + "]}", "type: is required");

        // Heartbeat.
        yield return Case("heartbeat_missing", OscpMessageKind.Heartbeat, "{}", "offline_mode_at: is required");
        yield return Case("heartbeat_pyoscp_format", OscpMessageKind.Heartbeat, """{"offline_mode_at":"2026-03-01 10:02:00"}""", "offline_mode_at: '2026-03-01 10:02:00'");

        // Register.
        yield return Case("register_missing_token", OscpMessageKind.Register, """{"version_url":[{"version":"2.0","base_url":"https://x/oscp/cp/2.0"}]}""", "token: is required");
        yield return Case("register_empty_token", OscpMessageKind.Register, """{"token":"","version_url":[{"version":"2.0","base_url":"https://x/oscp/cp/2.0"}]}""", "token: must not be empty");
        yield return Case("register_token_too_long", OscpMessageKind.Register, $$"""{"token":"{{new string('x', 1025)}}","version_url":[{"version":"2.0","base_url":"https://x/oscp/cp/2.0"}]}""", "token: is longer");
        yield return Case("register_empty_version_url", OscpMessageKind.Register, """{"token":"T","version_url":[]}""", "version_url: must have at least 1");
        yield return Case("register_missing_base_url", OscpMessageKind.Register, """{"token":"T","version_url":[{"version":"2.0"}]}""", "version_url[0].base_url: is required");
        yield return Case("register_relative_base_url", OscpMessageKind.Register, """{"token":"T","version_url":[{"version":"2.0","base_url":"/oscp/cp/2.0"}]}""", "version_url[0].base_url: must be an absolute");
        yield return Case("register_ftp_base_url", OscpMessageKind.Register, """{"token":"T","version_url":[{"version":"2.0","base_url":"ftp://x/oscp"}]}""", "version_url[0].base_url: must be an absolute");
        yield return Case("register_numeric_version", OscpMessageKind.Register, """{"token":"T","version_url":[{"version":2.0,"base_url":"https://x/oscp/cp/2.0"}]}""", "version_url[0].version: must be a string");
        yield return Case("register_only_1_0", OscpMessageKind.Register, """{"token":"T","version_url":[{"version":"1.0","base_url":"https://x/oscp/cp/1.0"}]}""", "version_url: no supported version", 501);

        // Handshake / acknowledge.
        yield return Case("handshake_without_measurement_configuration", OscpMessageKind.Handshake, """{"required_behaviour":{"heartbeat_interval":60}}""", "required_behaviour.measurement_configuration: is required");
        yield return Case("handshake_measurement_PERIODIC", OscpMessageKind.Handshake, """{"required_behaviour":{"measurement_configuration":["PERIODIC"]}}""", "required_behaviour.measurement_configuration[0]: 'PERIODIC'");
        yield return Case("handshake_duplicate_measurement_configuration", OscpMessageKind.Handshake, """{"required_behaviour":{"measurement_configuration":["CONTINUOUS","CONTINUOUS"]}}""", "required_behaviour.measurement_configuration: items must be unique");
        yield return Case("handshake_interval_zero", OscpMessageKind.Handshake, """{"required_behaviour":{"heartbeat_interval":0,"measurement_configuration":[]}}""", "required_behaviour.heartbeat_interval: must be at least 1");
        yield return Case("handshake_interval_string", OscpMessageKind.Handshake, """{"required_behaviour":{"heartbeat_interval":"60","measurement_configuration":[]}}""", "required_behaviour.heartbeat_interval: must be a number");
        yield return Case("handshake_behaviour_not_object", OscpMessageKind.Handshake, """{"required_behaviour":[]}""", "required_behaviour: must be an object");
        yield return Case("ack_measurement_lower_case", OscpMessageKind.HandshakeAcknowledge, """{"required_behaviour":{"measurement_configuration":["continuous"]}}""", "required_behaviour.measurement_configuration[0]: 'continuous'");

        // Compliance error.
        yield return Case("compliance_missing_message", OscpMessageKind.GroupCapacityComplianceError, """{"forecasted_blocks":[""" + Block + "]}", "message: is required");
        yield return Case("compliance_empty_blocks", OscpMessageKind.GroupCapacityComplianceError, """{"message":"x","forecasted_blocks":[]}""", "forecasted_blocks: must have at least 1");

        // Group measurements.
        yield return Case("measurements_empty", OscpMessageKind.UpdateGroupMeasurements, """{"group_id":"g","measurements":[]}""", "measurements: must have at least 1");
        yield return Case("measurement_energy_unit_KW", OscpMessageKind.UpdateGroupMeasurements, Measurement(GoodMeasurement.Replace("\"KWH\"", "\"KW\"", StringComparison.Ordinal)), "measurements[0].unit: 'KW'");
        yield return Case("measurement_without_direction", OscpMessageKind.UpdateGroupMeasurements, Measurement("""  "value":1,"phase":"ALL","unit":"KWH","measure_time":"2026-03-01T00:00:00Z" """), "measurements[0].direction: is required");
        yield return Case("measurement_bad_energy_type", OscpMessageKind.UpdateGroupMeasurements, Measurement(GoodMeasurement + ""","energy_type":"flexible" """), "measurements[0].energy_type: 'flexible'");
        yield return Case("measurement_initial_time_no_offset", OscpMessageKind.UpdateGroupMeasurements, Measurement(GoodMeasurement + ""","initial_measure_time":"2026-03-01T00:00:00" """), "measurements[0].initial_measure_time");

        // Asset measurements.
        yield return Case("asset_without_category", OscpMessageKind.UpdateAssetMeasurements, """{"group_id":"g","measurements":[{"asset_id":"a","instantaneous_measurement":{"value":1,"phase":"ALL","unit":"KW","measure_time":"2026-03-01T00:00:00Z"}}]}""", "measurements[0].asset_category: is required");
        yield return Case("asset_without_any_measurement", OscpMessageKind.UpdateAssetMeasurements, """{"group_id":"g","measurements":[{"asset_id":"a","asset_category":"CHARGING"}]}""", "measurements[0]: needs energy_measurement or instantaneous_measurement");
        yield return Case("asset_instantaneous_unit_kw", OscpMessageKind.UpdateAssetMeasurements, """{"group_id":"g","measurements":[{"asset_id":"a","asset_category":"CHARGING","instantaneous_measurement":{"value":1,"phase":"ALL","unit":"kw","measure_time":"2026-03-01T00:00:00Z"}}]}""", "measurements[0].instantaneous_measurement.unit: 'kw'");
    }

    [TestCaseSource(nameof(Cases))]
    public void Invalid_message_is_refused_naming_the_member(OscpMessageKind kind, string body, int status, string expectedMessage)
    {
        var result = OscpMessageReader.Read(kind, body);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.StatusCode, Is.EqualTo(status));
        Assert.That(result.Error, Does.Contain(expectedMessage));
    }
}
