using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Tests.Schemas;

[TestFixture]
public sealed class ArrayKeywordTests
{
    // Shaped like OCPP 1.6 MeterValues.req.
    private static readonly CompiledSchema MeterValues = TestSchemas.Compile("""
        {
          "type": "object",
          "properties": {
            "meterValue": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "timestamp": { "type": "string", "format": "date-time" },
                  "sampledValue": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "properties": { "value": { "type": "string" }, "unit": { "type": "string", "enum": ["Wh", "W"] } },
                      "additionalProperties": false,
                      "required": ["value"]
                    },
                    "minItems": 1,
                    "maxItems": 3
                  }
                },
                "additionalProperties": false,
                "required": ["timestamp", "sampledValue"]
              }
            }
          },
          "additionalProperties": false,
          "required": ["meterValue"]
        }
        """);

    private static readonly CompiledSchema Tuple = TestSchemas.Compile("""
        {
          "type": "array",
          "items": [ { "type": "integer" }, { "type": "string" } ],
          "additionalItems": false
        }
        """);

    private static readonly CompiledSchema TupleWithAdditionalSchema = TestSchemas.Compile("""
        { "type": "array", "items": [ { "type": "integer" } ], "additionalItems": { "type": "boolean" } }
        """);

    // The 2.0.1 bundle's form: additionalItems beside a single items schema has no effect.
    private static readonly CompiledSchema SingleItems = TestSchemas.Compile("""
        { "type": "array", "items": { "type": "integer" }, "additionalItems": false, "maxItems": 4 }
        """);

    [Test]
    public void Nested_arrays_report_the_full_path()
    {
        var result = MeterValues.Validate("""
            {"meterValue":[
              {"timestamp":"2024-05-01T12:00:00Z","sampledValue":[{"value":"1"}]},
              {"timestamp":"2024-05-01T12:01:00Z","sampledValue":[{"value":"1"},{"value":2,"unit":"kWh"}]}]}
            """);

        Assert.That(result.Violations.Select(v => (v.Kind, v.Path)), Is.EqualTo(new[]
        {
            (SchemaViolationKind.Type, "meterValue[1].sampledValue[1].value"),
            (SchemaViolationKind.Enum, "meterValue[1].sampledValue[1].unit"),
        }));
    }

    [Test]
    public void Missing_required_property_in_array_item_reports_index()
    {
        var result = MeterValues.Validate("""{"meterValue":[{"timestamp":"2024-05-01T12:00:00Z","sampledValue":[{"unit":"W"}]}]}""");

        Assert.That(result.Violations.Single().Path, Is.EqualTo("meterValue[0].sampledValue[0].value"));
    }

    [Test]
    public void Empty_array_below_minItems_is_reported()
    {
        var violation = MeterValues.Validate("""{"meterValue":[{"timestamp":"2024-05-01T12:00:00Z","sampledValue":[]}]}""").Violations.Single();

        Assert.That(violation, Is.EqualTo(new SchemaViolation(
            SchemaViolationKind.MinItems, "meterValue[0].sampledValue", "meterValue[0].sampledValue: 0 items, fewer than minItems 1")));
    }

    [Test]
    public void Array_above_maxItems_is_reported()
    {
        var violation = MeterValues.Validate("""{"meterValue":[{"timestamp":"2024-05-01T12:00:00Z","sampledValue":[{"value":"1"},{"value":"2"},{"value":"3"},{"value":"4"}]}]}""").Violations.Single();

        Assert.That(violation.Kind, Is.EqualTo(SchemaViolationKind.MaxItems));
        Assert.That(violation.Message, Is.EqualTo("meterValue[0].sampledValue: 4 items exceeds maxItems 3"));
    }

    [Test]
    public void Empty_array_without_minItems_is_valid()
    {
        Assert.That(MeterValues.Validate("""{"meterValue":[]}""").IsValid, Is.True);
    }

    [Test]
    public void Array_where_object_expected_is_a_type_violation()
    {
        var result = MeterValues.Validate("""{"meterValue":[[{"timestamp":"x"}]]}""");

        Assert.That(result.Violations.Single(), Is.EqualTo(new SchemaViolation(
            SchemaViolationKind.Type, "meterValue[0]", "meterValue[0]: expected object but found array")));
    }

    [Test]
    public void Tuple_items_are_validated_by_position()
    {
        Assert.That(Tuple.Validate("""[1,"a"]""").IsValid, Is.True);
        Assert.That(Tuple.Validate("""[1]""").IsValid, Is.True);
        Assert.That(Tuple.Validate("""["a",1]""").Violations.Select(v => v.Path), Is.EqualTo(new[] { "[0]", "[1]" }));
    }

    [Test]
    public void AdditionalItems_false_rejects_items_beyond_the_tuple()
    {
        var result = Tuple.Validate("""[1,"a",true,{"x":[1]}]""");

        Assert.That(result.Violations.Select(v => (v.Kind, v.Path)), Is.EqualTo(new[]
        {
            (SchemaViolationKind.AdditionalItems, "[2]"),
            (SchemaViolationKind.AdditionalItems, "[3]"),
        }));
    }

    [Test]
    public void AdditionalItems_schema_validates_items_beyond_the_tuple()
    {
        Assert.That(TupleWithAdditionalSchema.Validate("[1,true,false]").IsValid, Is.True);
        Assert.That(TupleWithAdditionalSchema.Validate("[1,true,2]").Violations.Single().Path, Is.EqualTo("[2]"));
    }

    [Test]
    public void AdditionalItems_is_ignored_beside_a_single_items_schema()
    {
        Assert.That(SingleItems.Validate("[1,2,3,4]").IsValid, Is.True);
        Assert.That(SingleItems.Validate("[1,2,3,4,5]").Kinds(), Is.EqualTo(new[] { SchemaViolationKind.MaxItems }));
    }
}
