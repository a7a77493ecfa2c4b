using System.Text;
using CentralSystem.Ocpp;
using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Tests.Schemas;

[TestFixture]
public sealed class OcppSchemaRegistryTests
{
    private static readonly Lazy<OcppSchemaRegistry> Official = new(OcppSchemaRegistry.LoadOfficial);

    private static IEnumerable<TestCaseData> OfficialSchemas() =>
        from version in Enum.GetValues<OcppVersion>()
        from schema in OfficialBundles.Schemas(version).OrderBy(s => s.Key, StringComparer.Ordinal)
        select new TestCaseData(version, schema.Key).SetArgDisplayNames(version.ToString(), schema.Key);

    [Test]
    public void LoadOfficial_compiles_every_schema_of_both_bundles()
    {
        var all = Official.Value.All.ToList();

        Assert.That(all.Count(s => s.Version == OcppVersion.V16), Is.EqualTo(78));
        Assert.That(all.Count(s => s.Version == OcppVersion.V201), Is.EqualTo(128));
        Assert.That(all.All(s => s.Schema.Id == $"urn:{s.Action}.{(s.Kind == PayloadKind.Request ? "req" : "conf")}"), Is.True);
    }

    [TestCase(OcppVersion.V16, "BootNotification", PayloadKind.Request, "urn:BootNotification.req")]
    [TestCase(OcppVersion.V16, "BootNotification", PayloadKind.Response, "urn:BootNotification.conf")]
    [TestCase(OcppVersion.V201, "TransactionEvent", PayloadKind.Request, "urn:TransactionEvent.req")]
    [TestCase(OcppVersion.V201, "Get15118EVCertificate", PayloadKind.Response, "urn:Get15118EVCertificate.conf")]
    public void Find_returns_the_schema_for_action_and_direction(OcppVersion version, string action, PayloadKind kind, string id)
    {
        Assert.That(Official.Value.Find(version, action, kind)?.Id, Is.EqualTo(id));
    }

    [TestCase(OcppVersion.V16, "TransactionEvent")] // 2.0.1 only
    [TestCase(OcppVersion.V201, "StartTransaction")] // 1.6 only
    [TestCase(OcppVersion.V16, "bootNotification")] // actions are case-sensitive
    [TestCase(OcppVersion.V16, "")]
    public void Find_returns_null_for_unknown_action(OcppVersion version, string action)
    {
        Assert.That(Official.Value.Find(version, action, PayloadKind.Request), Is.Null);
    }

    [Test]
    public void Load_of_a_single_bundle_knows_only_that_version()
    {
        using var bundle = OfficialBundles.Open(OcppVersion.V201);

        var registry = OcppSchemaRegistry.Load(OcppVersion.V201, bundle);

        Assert.That(registry.Find(OcppVersion.V201, "Heartbeat", PayloadKind.Request), Is.Not.Null);
        Assert.That(registry.Find(OcppVersion.V16, "Heartbeat", PayloadKind.Request), Is.Null);
    }

    [TestCaseSource(nameof(OfficialSchemas))]
    public void Official_schema_accepts_generated_minimal_and_maximal_instances(OcppVersion version, string id)
    {
        var schema = Official.Value.All.Single(s => s.Version == version && s.Schema.Id == id).Schema;
        var generator = new InstanceGenerator(OfficialBundles.Schemas(version)[id], new Random(id.Length));

        foreach (var mode in new[] { GenerationMode.Minimal, GenerationMode.Maximal })
        {
            var json = generator.Generate(mode).ToJson(escapeNonAscii: false);
            var result = schema.Validate(Encoding.UTF8.GetBytes(json));
            Assert.That(result.IsValid, Is.True, $"{mode}: {result} in {json}");
        }
    }

    [TestCase(OcppVersion.V16, "Heartbeat", "{}")]
    [TestCase(OcppVersion.V201, "Heartbeat", "{}")]
    [TestCase(OcppVersion.V16, "Authorize", """{"idTag":"04A2B3C4D5E6F7"}""")]
    [TestCase(OcppVersion.V16, "StatusNotification", """{"connectorId":1,"errorCode":"NoError","status":"Charging","timestamp":"2024-05-01T12:00:00Z"}""")]
    [TestCase(OcppVersion.V16, "DataTransfer", """{"vendorId":"com.example","messageId":"x","data":"{\"any\":1}"}""")]
    [TestCase(OcppVersion.V201, "DataTransfer", """{"vendorId":"com.example","messageId":"x","data":{"any":["json",1]}}""")]
    [TestCase(OcppVersion.V201, "StatusNotification", """{"timestamp":"2024-05-01T12:00:00Z","connectorStatus":"Occupied","evseId":1,"connectorId":1}""")]
    [TestCase(OcppVersion.V201, "Heartbeat", """{"customData":{"vendorId":"com.example","firmwareBuild":{"n":42}}}""")]
    public void Realistic_request_is_valid(OcppVersion version, string action, string payload)
    {
        var result = Official.Value.Find(version, action, PayloadKind.Request)!.Validate(Encoding.UTF8.GetBytes(payload));

        Assert.That(result.IsValid, Is.True, result.ToString());
    }

    [Test]
    public void Realistic_invalid_request_reports_every_problem()
    {
        var payload = """
            {"connectorId":"1","transactionId":12345,"meterValue":[{"timestamp":"2024-05-01T12:30:00",
              "sampledValue":[{"value":"1","unit":"kwh"},{"value":2,"measurand":"Energy.Active.Import.Register"}]}]}
            """;

        var result = Official.Value.Find(OcppVersion.V16, "MeterValues", PayloadKind.Request)!.Validate(Encoding.UTF8.GetBytes(payload));

        Assert.That(result.Violations.Select(v => v.Message), Is.EqualTo(new[]
        {
            "connectorId: expected integer but found string",
            "meterValue[0].timestamp: '2024-05-01T12:30:00' is not an RFC 3339 date-time",
            "meterValue[0].sampledValue[0].unit: value 'kwh' is not one of Wh, kWh, varh, kvarh, W, kW, VA, kVA, var, kvar, A, V, K, Celcius, Celsius, Fahrenheit, Percent",
            "meterValue[0].sampledValue[1].value: expected string but found number",
        }));
    }

    [Test]
    public void Valid_payload_is_validated_without_allocating()
    {
        var schema = Official.Value.Find(OcppVersion.V201, "TransactionEvent", PayloadKind.Request)!;
        var payload = Encoding.UTF8.GetBytes("""
            {"eventType":"Updated","timestamp":"2024-05-01T12:30:00.000Z","triggerReason":"MeterValuePeriodic","seqNo":12,
             "transactionInfo":{"transactionId":"f3b2c1d0","chargingState":"Charging"},"evse":{"id":1,"connectorId":1},
             "idToken":{"idToken":"04A2B3C4D5E6F7","type":"ISO14443"},
             "meterValue":[{"timestamp":"2024-05-01T12:30:00Z","sampledValue":[{"value":12345.6,"measurand":"Energy.Active.Import.Register","unitOfMeasure":{"unit":"Wh"}}]}]}
            """);
        for (var i = 0; i < 100; i++)
        {
            schema.Validate(payload);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = schema.Validate(payload);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(result.IsValid, Is.True, result.ToString());
        Assert.That(allocated, Is.Zero);
    }
}
