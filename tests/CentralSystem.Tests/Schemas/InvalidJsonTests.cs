using System.Text;
using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Tests.Schemas;

[TestFixture]
public sealed class InvalidJsonTests
{
    private static readonly CompiledSchema Schema = TestSchemas.Compile("""
        {
          "type": "object",
          "properties": {
            "a": { "type": "integer" },
            "s": { "type": "string" },
            "o": { "type": "object", "properties": { "b": { "type": "array", "items": { "type": "integer" } } } }
          }
        }
        """);

    private static IEnumerable<TestCaseData> MalformedPayloads()
    {
        string[] texts =
        [
            "", " ", "\r\n", "{", "}", "{\"a\":", "{\"a\":1", "{\"a\":1,", "{\"a\" 1}", "{\"a\":1}}", "{} x", "{}{}", "{},",
            "{'a':1}", "{a:1}", "{\"a\":1,}", "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":1.}", "{\"a\":NaN}", "{\"a\":Infinity}",
            "{\"a\":0x10}", "{\"a\":1 /* comment */}", "// comment\n{}", "{\"s\":'x'}", "{\"s\":\"abc}", "{\"s\":\"a\tb\"}",
            "{\"s\":\"\\x\"}", "{\"s\":\"\\u12\"}", "{\"o\":{\"b\":[1,2}}", "{\"o\":{\"b\":[1,2,]}}", "{\"o\":{\"b\":[1 2]}}",
            "{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}", "nul", "\"abc", "{\"o\":{\"b\":[1,{\"x\":}]}}",
            "{\"a\":1}\u0000", "\u00a0{}",
        ];
        foreach (var text in texts)
        {
            yield return new TestCaseData(Encoding.UTF8.GetBytes(text)).SetArgDisplayNames(Display(text));
        }

        yield return new TestCaseData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}' }).SetArgDisplayNames("UTF-8 BOM");
        yield return new TestCaseData(new byte[] { (byte)'{', (byte)'"', (byte)'s', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' }).SetArgDisplayNames("invalid UTF-8 in a string");
        yield return new TestCaseData(new byte[] { (byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}' }).SetArgDisplayNames("invalid UTF-8 in a name");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("{\"x\":" + new string('[', 70) + new string(']', 70) + "}")).SetArgDisplayNames("nested too deep");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("{\"o\":{\"b\":[1,2,3" )).SetArgDisplayNames("truncated inside a nested array");
    }

    [TestCaseSource(nameof(MalformedPayloads))]
    public void Malformed_payload_is_reported_as_invalid_json(byte[] payload)
    {
        SchemaValidationResult? result = null;

        Assert.That(() => result = Schema.Validate(payload), Throws.Nothing);
        Assert.That(result!.IsValid, Is.False);
        Assert.That(result.Violations[^1].Kind, Is.EqualTo(SchemaViolationKind.InvalidJson));
        Assert.That(result.Violations[^1].Message, Does.Contain("invalid JSON"));
    }

    [Test]
    public void Truncated_payload_reports_where_it_broke()
    {
        var violation = Schema.Validate(Encoding.UTF8.GetBytes("{\"o\":{\"b\":[1,2,3")).Violations.Single();

        Assert.That(violation.Kind, Is.EqualTo(SchemaViolationKind.InvalidJson));
        Assert.That(violation.Path, Does.StartWith("o.b"));
    }

    [Test]
    public void Violations_found_before_the_syntax_error_are_kept()
    {
        var result = Schema.Validate(Encoding.UTF8.GetBytes("{\"a\":\"x\",\"s\":1,"));

        Assert.That(result.Kinds(), Is.EqualTo(new[] { SchemaViolationKind.Type, SchemaViolationKind.Type, SchemaViolationKind.InvalidJson }));
    }

    [TestCase("[]", "array")]
    [TestCase("[{}]", "array")]
    [TestCase("null", "null")]
    [TestCase("42", "number")]
    [TestCase("\"{}\"", "string")]
    [TestCase("true", "boolean")]
    public void Well_formed_non_object_payload_is_a_type_violation_at_the_root(string payload, string found)
    {
        var result = Schema.Validate(payload);

        Assert.That(result.Violations, Is.EqualTo(new[]
        {
            new SchemaViolation(SchemaViolationKind.Type, "", "payload: expected object but found " + found),
        }));
    }

    private static string Display(string text) =>
        text.Length == 0 ? "(empty)" : text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
}
