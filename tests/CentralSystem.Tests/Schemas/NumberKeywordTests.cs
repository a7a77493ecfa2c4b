using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Tests.Schemas;

[TestFixture]
public sealed class NumberKeywordTests
{
    private static readonly CompiledSchema Schema = TestSchemas.Compile("""
        {
          "type": "object",
          "properties": {
            "count": { "type": "integer" },
            "percent": { "type": "integer", "minimum": 0, "maximum": 100 },
            "limit": { "type": "number", "multipleOf": 0.1 },
            "value": { "type": "number" },
            "flag": { "type": "boolean" }
          },
          "additionalProperties": false
        }
        """);

    [TestCase("5", true)]
    [TestCase("-5", true)]
    [TestCase("0", true)]
    [TestCase("-0", true)]
    [TestCase("99999999999999999999999", true)]
    [TestCase("5.0", false)] // draft-07 would accept; see SchemaNode for why we do not
    [TestCase("5.5", false)]
    [TestCase("1e2", false)]
    [TestCase("1E+2", false)]
    [TestCase("\"5\"", false)]
    [TestCase("true", false)]
    [TestCase("null", false)]
    public void Integer_accepts_only_integer_literals(string literal, bool valid)
    {
        var result = Schema.Validate($$"""{"count":{{literal}}}""");

        Assert.That(result.IsValid, Is.EqualTo(valid));
        if (!valid)
        {
            Assert.That(result.Violations.Single().Kind, Is.EqualTo(SchemaViolationKind.Type));
        }
    }

    [TestCase("5", true)]
    [TestCase("5.25", true)]
    [TestCase("-1.5e-3", true)]
    [TestCase("1E400", true)]
    [TestCase("\"5\"", false)]
    [TestCase("false", false)]
    public void Number_accepts_integer_and_fractional_literals(string literal, bool valid)
    {
        Assert.That(Schema.Validate($$"""{"value":{{literal}}}""").IsValid, Is.EqualTo(valid));
    }

    [TestCase("0", null)]
    [TestCase("100", null)]
    [TestCase("50", null)]
    [TestCase("-1", SchemaViolationKind.Minimum)]
    [TestCase("101", SchemaViolationKind.Maximum)]
    [TestCase("-99999999999999999999999999999999", SchemaViolationKind.Minimum)]
    [TestCase("99999999999999999999999999999999", SchemaViolationKind.Maximum)]
    public void Minimum_and_maximum_are_inclusive(string literal, SchemaViolationKind? expected)
    {
        var result = Schema.Validate($$"""{"percent":{{literal}}}""");

        Assert.That(result.Kinds(), Is.EqualTo(expected is null ? Array.Empty<SchemaViolationKind>() : new[] { expected.Value }));
    }

    [Test]
    public void Range_violation_names_field_value_and_rule()
    {
        Assert.That(Schema.Validate("""{"percent":101}""").Violations.Single().Message, Is.EqualTo("percent: value 101 exceeds maximum 100"));
        Assert.That(Schema.Validate("""{"percent":-3}""").Violations.Single().Message, Is.EqualTo("percent: value -3 is less than minimum 0"));
    }

    [TestCase("0")]
    [TestCase("0.1")]
    [TestCase("0.3")] // 0.3 % 0.1 is 0.09999999999999998 in double
    [TestCase("0.7")]
    [TestCase("1.1")]
    [TestCase("23.2")]
    [TestCase("16")]
    [TestCase("16.0")]
    [TestCase("-0.7")]
    [TestCase("100000.1")]
    [TestCase("1.5E1")]
    [TestCase("1e-1")]
    [TestCase("0.30000000000000004")] // what double arithmetic prints for 0.1 + 0.2
    [TestCase("12345.700000000001")]
    [TestCase("1E300")] // beyond decimal: checked in double, and 1e300 / 0.1 is integral there
    public void MultipleOf_accepts_decimal_multiples_without_floating_point_noise(string literal)
    {
        Assert.That(Schema.Validate($$"""{"limit":{{literal}}}""").IsValid, Is.True);
    }

    [TestCase("0.15")]
    [TestCase("0.01")]
    [TestCase("23.25")]
    [TestCase("-0.05")]
    [TestCase("0.3000000000001")] // 13 significant digits: a real digit, not noise
    public void MultipleOf_rejects_values_between_multiples(string literal)
    {
        var violation = Schema.Validate($$"""{"limit":{{literal}}}""").Violations.Single();

        Assert.That(violation.Kind, Is.EqualTo(SchemaViolationKind.MultipleOf));
        Assert.That(violation.Message, Is.EqualTo($"limit: value {literal} is not a multiple of 0.1"));
    }

    [TestCase("true", true)]
    [TestCase("false", true)]
    [TestCase("0", false)]
    [TestCase("\"true\"", false)]
    public void Boolean_accepts_only_true_and_false(string literal, bool valid)
    {
        Assert.That(Schema.Validate($$"""{"flag":{{literal}}}""").IsValid, Is.EqualTo(valid));
    }

    [Test]
    public void Type_violation_names_expected_and_found_type()
    {
        Assert.That(Schema.Validate("""{"count":"5"}""").Violations.Single().Message, Is.EqualTo("count: expected integer but found string"));
        Assert.That(Schema.Validate("""{"count":5.0}""").Violations.Single().Message, Is.EqualTo("count: expected integer but found number with a fraction or exponent"));
    }
}
