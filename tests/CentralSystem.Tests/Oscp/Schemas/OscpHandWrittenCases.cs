using CentralSystem.Oscp.Messages;
using static CentralSystem.Tests.Oscp.Schemas.OscpSchemaCase;

namespace CentralSystem.Tests.Oscp.Schemas;

/// <summary>
/// Cases a per-member mutation cannot produce: the digest's §10 invalid list, the §7.1 semantic rules, whole-body
/// shapes, policies, and the boundaries found while writing the schemas.
/// </summary>
internal static class OscpHandWrittenCases
{
    private const OscpMessageKind Ugcf = OscpMessageKind.UpdateGroupCapacityForecast;
    private const string Start = "2026-03-01T00:00:00Z";
    private const string End = "2026-03-01T01:00:00Z";

    private static string Block(string capacity = "10", string phase = "\"ALL\"", string unit = "\"KW\"", string start = "\"" + Start + "\"", string end = "\"" + End + "\"") =>
        $$"""{"capacity":{{capacity}},"phase":{{phase}},"unit":{{unit}},"start_time":{{start}},"end_time":{{end}}}""";

    private static string Forecast(params string[] blocks) =>
        $$"""{"group_id":"site-42","type":"CONSUMPTION","forecasted_blocks":[{{string.Join(",", blocks)}}]}""";

    private static string Register(string token = "\"T\"", string versions = """[{"version":"2.0","base_url":"https://dso.example.com/oscp/cp/2.0"}]""") =>
        $$"""{"token":{{token}},"version_url":{{versions}}}""";

    private static string Measurement(string members) => $$"""{"group_id":"g","measurements":[{{{members}}}]}""";

    private const string GoodMeasurement = """ "value":1,"phase":"ALL","unit":"KWH","direction":"IMPORT","measure_time":"2026-03-01T00:00:00Z" """;

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    public static IEnumerable<OscpSchemaCase> All() => [.. Bodies(), .. DigestInvalidList(), .. Semantic(), .. Boundaries()];

    // Whatever the message, the body is a JSON object.
    private static IEnumerable<OscpSchemaCase> Bodies()
    {
        foreach (var kind in Enum.GetValues<OscpMessageKind>())
        {
            yield return Invalid($"{kind}: body is an array", kind, "[]");
            yield return Invalid($"{kind}: body is null", kind, "null");
            yield return Invalid($"{kind}: body is a string", kind, "\"{}\"");
            yield return Invalid($"{kind}: body is a number", kind, "1");
            yield return Invalid($"{kind}: body is truncated", kind, "{\"a\":");
        }

        yield return ReaderOnly("duplicate member names", Ugcf,
            """{"group_id":"a","group_id":"b","type":"CONSUMPTION","forecasted_blocks":[""" + Block() + "]}", KnownDifference.DuplicateMemberNames);

        const OscpMessageKind heartbeat = OscpMessageKind.Heartbeat;
        const string beat = "\"offline_mode_at\":\"2026-03-01T10:00:00Z\"";
        yield return Valid("escaped characters in a member name and an enum", Ugcf, Forecast(Block()).Replace("\"type\":\"C", "\"typ\\u0065\":\"\\u0043", StringComparison.Ordinal));
        yield return Invalid("empty body", heartbeat, "");
        yield return Invalid("white space body", heartbeat, "  ");
        yield return ReaderOnly("trailing comma", heartbeat, "{" + beat + ",}", KnownDifference.NewtonsoftLenientSyntax);
        yield return ReaderOnly("single quotes", heartbeat, "{" + beat.Replace('"', '\'') + "}", KnownDifference.NewtonsoftLenientSyntax);
        yield return ReaderOnly("unquoted member name", heartbeat, "{offline_mode_at" + beat["\"offline_mode_at\"".Length..] + "}", KnownDifference.NewtonsoftLenientSyntax);
        yield return ReaderOnly("content after the body", heartbeat, "{" + beat + "} {}", KnownDifference.NewtonsoftLenientSyntax);
        yield return ReaderOnly("NaN in an unknown member", heartbeat, "{" + beat + ",\"x\":NaN}", KnownDifference.NewtonsoftLenientSyntax);
        yield return ReaderOnly("leading zero in an unknown member", heartbeat, "{" + beat + ",\"x\":01}", KnownDifference.NewtonsoftLenientSyntax);
        yield return Valid("unknown member nested to depth 16 (the reader's limit)", heartbeat, "{" + beat + ",\"x\":" + Nested(14) + "}");
        yield return ReaderOnly("unknown member nested to depth 22", heartbeat, "{" + beat + ",\"x\":" + Nested(20) + "}", KnownDifference.ReaderMaxDepth);
    }

    // Digest §10, "Invalid (31)", in its order. Ours refuses the three offset-less date-times in the schema too
    // (the digest's "semantic only" list is about the third-party schemas, which lack our pattern).
    private static IEnumerable<OscpSchemaCase> DigestInvalidList()
    {
        yield return Invalid("§10 missing group_id", Ugcf, """{"type":"CONSUMPTION","forecasted_blocks":[""" + Block() + "]}");
        yield return Invalid("§10 type LIMIT", Ugcf, Forecast(Block()).Replace("CONSUMPTION", "LIMIT", StringComparison.Ordinal));
        yield return Invalid("§10 type lower case", Ugcf, Forecast(Block()).Replace("CONSUMPTION", "consumption", StringComparison.Ordinal));
        yield return Invalid("§10 empty forecasted_blocks", Ugcf, Forecast());
        yield return Invalid("§10 capacity -5", Ugcf, Forecast(Block(capacity: "-5")));
        yield return Invalid("§10 unit kW", Ugcf, Forecast(Block(unit: "\"kW\"")));
        yield return Invalid("§10 unit EUR/KWH", Ugcf, Forecast(Block(unit: "\"EUR/KWH\"")));
        yield return Invalid("§10 phase L1", Ugcf, Forecast(Block(phase: "\"L1\"")));
        yield return Invalid("§10 block without phase", Ugcf, Forecast("""{"capacity":1,"unit":"KW","start_time":"2026-03-01T00:00:00Z","end_time":"2026-03-01T01:00:00Z"}"""));
        yield return Invalid("§10 capacity as string", Ugcf, Forecast(Block(capacity: "\"123.4\"")));
        yield return Invalid("§10 heartbeat without offline_mode_at", OscpMessageKind.Heartbeat, "{}");
        yield return Invalid("§10 register with empty version_url", OscpMessageKind.Register, Register(versions: "[]"));
        yield return Invalid("§10 register without token", OscpMessageKind.Register, """{"version_url":[{"version":"2.0","base_url":"https://x/oscp/cp/2.0"}]}""");

        // Digest §12 Q3 recommends leniency on receive, but the §6 table and §10 keep measurement_configuration
        // required inside a present required_behaviour; reader and schema both refuse (see the report).
        yield return Invalid("§10 handshake without measurement_configuration", OscpMessageKind.Handshake, """{"required_behaviour":{"heartbeat_interval":60}}""");
        yield return Invalid("§12 Q3 acknowledge with empty required_behaviour (SolarNetwork FP)", OscpMessageKind.HandshakeAcknowledge, """{"required_behaviour":{}}""");
        yield return Invalid("§10 measurement_configuration PERIODIC", OscpMessageKind.Handshake, """{"required_behaviour":{"measurement_configuration":["PERIODIC"]}}""");
        yield return Invalid("§10 duplicate measurement_configuration", OscpMessageKind.Handshake, """{"required_behaviour":{"measurement_configuration":["CONTINUOUS","CONTINUOUS"]}}""");

        // Digest §12 Q5: accepted only when OscpReaderOptions.AllowEmptyGroupMeasurements is set; the schema keeps minItems 1.
        yield return Invalid("§10 group measurements []", OscpMessageKind.UpdateGroupMeasurements, """{"group_id":"g","measurements":[]}""");
        yield return Invalid("§10 energy unit KW", OscpMessageKind.UpdateGroupMeasurements, Measurement(GoodMeasurement.Replace("\"KWH\"", "\"KW\"", StringComparison.Ordinal)));
        yield return Invalid("§10 measurement without direction", OscpMessageKind.UpdateGroupMeasurements, Measurement(""" "value":1,"phase":"ALL","unit":"KWH","measure_time":"2026-03-01T00:00:00Z" """));
        yield return Invalid("§10 asset without asset_category", OscpMessageKind.UpdateAssetMeasurements,
            """{"group_id":"g","measurements":[{"asset_id":"a","instantaneous_measurement":{"value":1,"phase":"ALL","unit":"KW","measure_time":"2026-03-01T00:00:00Z"}}]}""");
        yield return Invalid("§10 compliance error without message", OscpMessageKind.GroupCapacityComplianceError, """{"forecasted_blocks":[""" + Block() + "]}");

        yield return Invalid("§10 no timezone", Ugcf, Forecast(Block(start: "\"2026-03-01T00:00:00\"")));
        yield return Invalid("§10 space-separated date-time", Ugcf, Forecast(Block(start: "\"2026-03-01 00:00:00Z\"")));
        yield return Invalid("§10 pyoscp heartbeat format", OscpMessageKind.Heartbeat, """{"offline_mode_at":"2026-03-01 10:02:00"}""");
        yield return ReaderOnly("§10 end before start", Ugcf, Forecast(Block(end: "\"2026-02-28T23:00:00Z\"")), KnownDifference.SemanticTimeOrder);
        yield return ReaderOnly("§10 zero-length block", Ugcf, Forecast(Block(end: "\"" + Start + "\"")), KnownDifference.SemanticTimeOrder);
        yield return ReaderOnly("§10 overlapping same-phase blocks", Ugcf,
            Forecast(Block(), Block(start: "\"2026-03-01T00:30:00Z\"", end: "\"2026-03-01T02:00:00Z\"")), KnownDifference.SemanticSamePhaseOverlap);

        // Our schema carries heartbeat_interval ≥ 1 (digest §7.1), which the third-party schema lacks.
        yield return Invalid("§10 heartbeat_interval 0", OscpMessageKind.Handshake, """{"required_behaviour":{"heartbeat_interval":0,"measurement_configuration":[]}}""");
        yield return ReaderOnly("§10 mixed units", Ugcf,
            Forecast(Block(), Block(unit: "\"A\"", start: "\"" + End + "\"", end: "\"2026-03-01T02:00:00Z\"")), KnownDifference.SemanticMixedUnits);
        yield return ReaderOnly("§10 register offering only 1.0 (501)", OscpMessageKind.Register,
            Register(versions: """[{"version":"1.0","base_url":"https://x/oscp/cp/1.0"}]"""), KnownDifference.VersionNegotiation);
        yield return Invalid("§10 truncated JSON", Ugcf, """{"group_id":"site-42","type":"CONS""");
    }

    private static IEnumerable<OscpSchemaCase> Semantic()
    {
        yield return Valid("blocks that touch are not an overlap", Ugcf, Forecast(Block(), Block(start: "\"" + End + "\"", end: "\"2026-03-01T02:00:00Z\"")));
        yield return Valid("different phases may share a window", Ugcf,
            Forecast(Block(phase: "\"ONE\""), Block(phase: "\"TWO\""), Block(phase: "\"THREE\"")));
        yield return ReaderOnly("same window on ALL twice", Ugcf, Forecast(Block(), Block(capacity: "5")), KnownDifference.SemanticSamePhaseOverlap);
        yield return ReaderOnly("a block inside another on the same phase", Ugcf,
            Forecast(Block(phase: "\"ONE\"", end: "\"2026-03-01T05:00:00Z\""), Block(phase: "\"ONE\"", start: "\"2026-03-01T02:00:00Z\"", end: "\"2026-03-01T03:00:00Z\"")),
            KnownDifference.SemanticSamePhaseOverlap);
        yield return ReaderOnly("end before start in another offset", Ugcf,
            Forecast(Block(start: "\"2026-03-01T08:00:00+08:00\"", end: "\"2026-03-01T00:30:00+01:00\"")), KnownDifference.SemanticTimeOrder);
        yield return ReaderOnly("compliance error blocks overlap", OscpMessageKind.GroupCapacityComplianceError,
            $$"""{"message":"x","forecasted_blocks":[{{Block()}},{{Block()}}]}""", KnownDifference.SemanticSamePhaseOverlap);
        yield return ReaderOnly("adjust end equals start", OscpMessageKind.AdjustGroupCapacityForecast,
            Forecast(Block(end: "\"" + Start + "\"")), KnownDifference.SemanticTimeOrder);
        yield return Valid("register offering 2.1 and 2.0", OscpMessageKind.Register,
            Register(versions: """[{"version":"2.1","base_url":"https://x/oscp/cp/2.1"},{"version":"2.0","base_url":"https://x/oscp/cp/2.0"}]"""));
        yield return ReaderOnly("register version with a trailing space (501)", OscpMessageKind.Register,
            Register(versions: """[{"version":"2.0 ","base_url":"https://x/oscp/cp/2.0"}]"""), KnownDifference.VersionNegotiation);
    }

    private static IEnumerable<OscpSchemaCase> Boundaries()
    {
        yield return Valid("token of 1024 characters", OscpMessageKind.Register, Register(token: $"\"{new string('x', 1024)}\""));
        yield return ReaderOnly("token of 1025 characters", OscpMessageKind.Register, Register(token: $"\"{new string('x', 1025)}\""), KnownDifference.ReaderTokenLengthPolicy);
        yield return ReaderOnly("capacity beyond double range", Ugcf, Forecast(Block(capacity: "1e400")), KnownDifference.ReaderNumberRange);
        yield return Valid("capacity 1e308", Ugcf, Forecast(Block(capacity: "1e308")));
        yield return Valid("capacity -0", Ugcf, Forecast(Block(capacity: "-0")));
        yield return Valid("heartbeat_interval 59.2 (rounded up by the reader)", OscpMessageKind.Handshake,
            """{"required_behaviour":{"heartbeat_interval":59.2,"measurement_configuration":[]}}""");
        yield return Invalid("heartbeat_interval 0.5", OscpMessageKind.Handshake, """{"required_behaviour":{"heartbeat_interval":0.5,"measurement_configuration":[]}}""");
        yield return Valid("handshake {}", OscpMessageKind.Handshake, "{}");
        yield return Valid("acknowledge {}", OscpMessageKind.HandshakeAcknowledge, "{}");
        yield return Valid("offset +14:00", OscpMessageKind.Heartbeat, """{"offline_mode_at":"2026-03-01T10:00:00+14:00"}""");
        yield return Valid("7 fractional digits", OscpMessageKind.Heartbeat, """{"offline_mode_at":"2026-03-01T10:00:00.1234567Z"}""");

        // RFC 3339 allows any number of fractional digits; the reader stops at 9 and NJsonSchema at 7, so both refuse
        // this valid timestamp (reported; no peer is known to send more than milliseconds).
        yield return Invalid("10 fractional digits", OscpMessageKind.Heartbeat, """{"offline_mode_at":"2026-03-01T10:00:00.1234567891Z"}""");
        yield return Invalid("leap second", OscpMessageKind.Heartbeat, """{"offline_mode_at":"2026-12-31T23:59:60Z"}""");
        yield return Invalid("offset +15:00", OscpMessageKind.Heartbeat, """{"offline_mode_at":"2026-03-01T10:00:00+15:00"}""");
        yield return Invalid("non-ASCII digit", OscpMessageKind.Heartbeat, "{\"offline_mode_at\":\"\u0662026-03-01T10:00:00Z\"}");
        yield return Invalid("compliance error with empty message", OscpMessageKind.GroupCapacityComplianceError, """{"message":""}""");
        yield return Invalid("compliance error with empty forecasted_blocks", OscpMessageKind.GroupCapacityComplianceError, """{"message":"x","forecasted_blocks":[]}""");
        yield return Invalid("asset measurement with neither measurement", OscpMessageKind.UpdateAssetMeasurements,
            """{"group_id":"g","measurements":[{"asset_id":"a","asset_category":"CHARGING"}]}""");
        yield return Valid("energy measurement value may be negative (NET)", OscpMessageKind.UpdateGroupMeasurements,
            Measurement(GoodMeasurement.Replace("\"value\":1", "\"value\":-3.5", StringComparison.Ordinal).Replace("IMPORT", "NET", StringComparison.Ordinal)));
    }
}
