using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Tests.Schemas;

[TestFixture]
public sealed class StringKeywordTests
{
    private static readonly CompiledSchema Schema = TestSchemas.Compile("""
        {
          "type": "object",
          "properties": {
            "idTag": { "type": "string", "maxLength": 20 },
            "short": { "type": "string", "maxLength": 3 },
            "status": { "type": "string", "enum": ["Accepted", "Rejected", "SoC", "Energy.Active.Import.Register"] },
            "free": { "type": "string" }
          },
          "additionalProperties": false
        }
        """);

    [Test]
    public void MaxLength_violation_names_field_and_rule()
    {
        var violation = Schema.Validate("""{"idTag":"1234567890123456789012345"}""").Violations.Single();

        Assert.That(violation, Is.EqualTo(new SchemaViolation(
            SchemaViolationKind.MaxLength, "idTag", "idTag: length 25 exceeds maxLength 20")));
    }

    [TestCase("abc", true)]
    [TestCase("abcd", false)]
    [TestCase("", true)]
    [TestCase("éßñ", true)] // 6 bytes, 3 code points
    [TestCase("éßñé", false)]
    [TestCase("€€€", true)] // 9 bytes
    [TestCase("中文字", true)]
    [TestCase("😀😀😀", true)] // 12 bytes, 6 UTF-16 units, 3 code points
    [TestCase("😀😀😀😀", false)]
    public void MaxLength_counts_code_points(string value, bool valid)
    {
        Assert.That(Schema.Validate($$"""{"short":"{{value}}"}""").IsValid, Is.EqualTo(valid));
    }

    [TestCase("""\u00e9\u00e9\u00e9""", true)]
    [TestCase("""\u00e9\u00e9\u00e9\u00e9""", false)]
    [TestCase("""\ud83d\ude00\ud83d\ude00\ud83d\ude00""", true)] // escaped surrogate pairs count once
    [TestCase("""\ud83d\ude00\ud83d\ude00\ud83d\ude00a""", false)]
    [TestCase("""\"\\\/""", true)]
    [TestCase("""\n\t\r\b""", false)]
    public void MaxLength_counts_escaped_characters_once(string escaped, bool valid)
    {
        Assert.That(Schema.Validate($$"""{"short":"{{escaped}}"}""").IsValid, Is.EqualTo(valid));
    }

    [TestCase("""\ud800""")]
    [TestCase("""\udc00ab""")]
    [TestCase("""a\ud83dz""")]
    [TestCase("""\ud83d\u0041""")]
    public void Lone_surrogate_escape_is_invalid_json(string escaped)
    {
        var result = Schema.Validate($$"""{"free":"{{escaped}}"}""");

        Assert.That(result.Kinds(), Is.EqualTo(new[] { SchemaViolationKind.InvalidJson }));
        Assert.That(result.Violations[0].Path, Is.EqualTo("free"));
    }

    [TestCase("Accepted", true)]
    [TestCase("accepted", false)]
    [TestCase("ACCEPTED", false)]
    [TestCase("Accepted ", false)]
    [TestCase("Accept", false)]
    [TestCase("", false)]
    [TestCase("SoC", true)]
    [TestCase("Energy.Active.Import.Register", true)]
    [TestCase("Energy.Active.Import.Registe", false)]
    public void Enum_is_exact_and_case_sensitive(string value, bool valid)
    {
        var result = Schema.Validate($$"""{"status":"{{value}}"}""");

        Assert.That(result.IsValid, Is.EqualTo(valid));
        if (!valid)
        {
            Assert.That(result.Violations.Single().Kind, Is.EqualTo(SchemaViolationKind.Enum));
        }
    }

    [Test]
    public void Enum_matches_an_escaped_value()
    {
        Assert.That(Schema.Validate("""{"status":"Acc\u0065pted"}""").IsValid, Is.True);
    }

    [Test]
    public void Enum_violation_lists_allowed_values()
    {
        var violation = Schema.Validate("""{"status":"accepted"}""").Violations.Single();

        Assert.That(violation.Message, Is.EqualTo(
            "status: value 'accepted' is not one of Accepted, Rejected, SoC, Energy.Active.Import.Register"));
    }

    [TestCase("1")]
    [TestCase("true")]
    [TestCase("null")]
    [TestCase("[]")]
    public void Non_string_is_a_type_violation(string value)
    {
        var result = Schema.Validate($$"""{"idTag":{{value}},"status":{{value}}}""");

        Assert.That(result.Kinds(), Is.EqualTo(new[] { SchemaViolationKind.Type, SchemaViolationKind.Type }));
    }

    [Test]
    public void Long_escaped_string_is_counted_without_a_stack_buffer()
    {
        var value = string.Concat(Enumerable.Repeat("\\u00e9", 2000));

        Assert.That(Schema.Validate($$"""{"free":"{{value}}"}""").IsValid, Is.True);
        Assert.That(Schema.Validate($$"""{"idTag":"{{value}}"}""").Violations.Single().Message, Is.EqualTo("idTag: length 2000 exceeds maxLength 20"));
    }
}
