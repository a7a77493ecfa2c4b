using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Tests.Schemas;

[TestFixture]
public sealed class ObjectKeywordTests
{
    // Shaped like OCPP 1.6 Authorize.conf.
    private static readonly CompiledSchema Authorize = TestSchemas.Compile("""
        {
          "type": "object",
          "properties": {
            "idTagInfo": {
              "type": "object",
              "properties": {
                "expiryDate": { "type": "string", "format": "date-time" },
                "parentIdTag": { "type": "string", "maxLength": 20 },
                "status": { "type": "string", "enum": ["Accepted", "Blocked", "Expired", "Invalid", "ConcurrentTx"] }
              },
              "additionalProperties": false,
              "required": ["status"]
            }
          },
          "additionalProperties": false,
          "required": ["idTagInfo"]
        }
        """);

    private static readonly CompiledSchema Open = TestSchemas.Compile("""
        {
          "type": "object",
          "properties": { "vendorId": { "type": "string", "maxLength": 5 } },
          "required": ["vendorId"]
        }
        """);

    private static readonly CompiledSchema NoRequired = TestSchemas.Compile("""
        { "type": "object", "properties": { "a": { "type": "integer" } }, "additionalProperties": false }
        """);

    [Test]
    public void Empty_payload_without_required_properties_is_valid()
    {
        Assert.That(NoRequired.Validate("{}").IsValid, Is.True);
        Assert.That(NoRequired.Validate(" { } \r\n").IsValid, Is.True);
    }

    [Test]
    public void Empty_payload_with_required_property_reports_it()
    {
        var result = Authorize.Validate("{}");

        Assert.That(result.Violations, Is.EqualTo(new[]
        {
            new SchemaViolation(SchemaViolationKind.Required, "idTagInfo", "idTagInfo: required property is missing"),
        }));
    }

    [Test]
    public void Missing_required_property_in_nested_object_reports_nested_path()
    {
        var result = Authorize.Validate("""{"idTagInfo":{"parentIdTag":"P1"}}""");

        Assert.That(result.Kinds(), Is.EqualTo(new[] { SchemaViolationKind.Required }));
        Assert.That(result.Violations[0].Path, Is.EqualTo("idTagInfo.status"));
    }

    [Test]
    public void Valid_nested_object_is_accepted_in_any_property_order()
    {
        Assert.That(Authorize.Validate("""{"idTagInfo":{"status":"Accepted","expiryDate":"2024-05-01T00:00:00Z"}}""").IsValid, Is.True);
        Assert.That(Authorize.Validate("""{"idTagInfo":{"expiryDate":"2024-05-01T00:00:00Z","status":"Accepted"}}""").IsValid, Is.True);
    }

    [Test]
    public void Additional_property_is_rejected_when_additionalProperties_is_false()
    {
        var result = Authorize.Validate("""{"idTagInfo":{"status":"Accepted","extra":{"deep":[1,2,{"x":null}]}},"more":1}""");

        Assert.That(result.Violations, Is.EqualTo(new[]
        {
            new SchemaViolation(SchemaViolationKind.AdditionalProperty, "idTagInfo.extra", "idTagInfo.extra: property is not allowed (additionalProperties is false)"),
            new SchemaViolation(SchemaViolationKind.AdditionalProperty, "more", "more: property is not allowed (additionalProperties is false)"),
        }));
    }

    [Test]
    public void Additional_properties_are_skipped_when_allowed()
    {
        var result = Open.Validate("""{"vendorExt":{"a":[1,{"b":"c"}],"vendorId":"this one is not checked"},"vendorId":"ACME","n":null}""");

        Assert.That(result.IsValid, Is.True);
    }

    [Test]
    public void Property_names_are_case_sensitive()
    {
        var result = Open.Validate("""{"VendorId":"ACME"}""");

        Assert.That(result.Kinds(), Is.EqualTo(new[] { SchemaViolationKind.Required }));
    }

    [Test]
    public void Escaped_property_name_matches_the_declared_property()
    {
        Assert.That(Open.Validate("""{"vendor\u0049d":"ACME"}""").IsValid, Is.True);
        Assert.That(Open.Validate("""{"vendor\u0049d":"TOO LONG"}""").Kinds(), Is.EqualTo(new[] { SchemaViolationKind.MaxLength }));
    }

    [Test]
    public void Duplicate_property_is_reported_as_invalid_json()
    {
        // NJsonSchema keeps the last value; we refuse, so the validated value is the handled one.
        var result = Open.Validate("""{"vendorId":"ACME","vendorId":"ACME"}""");

        Assert.That(result.Violations, Is.EqualTo(new[]
        {
            new SchemaViolation(SchemaViolationKind.InvalidJson, "vendorId", "vendorId: duplicate property"),
        }));
    }

    [Test]
    public void Every_violation_is_collected_in_document_order()
    {
        var result = Authorize.Validate("""{"idTagInfo":{"parentIdTag":"123456789012345678901","status":"accepted","expiryDate":"yesterday"},"x":1}""");

        Assert.That(result.Kinds(), Is.EqualTo(new[]
        {
            SchemaViolationKind.MaxLength, SchemaViolationKind.Enum, SchemaViolationKind.Format, SchemaViolationKind.AdditionalProperty,
        }));
    }

    [Test]
    public void Violations_are_capped()
    {
        var json = "{" + string.Join(",", Enumerable.Range(0, 100).Select(i => $"\"x{i}\":{i}")) + "}";

        var result = NoRequired.Validate(json);

        Assert.That(result.Violations, Has.Count.EqualTo(SchemaValidationResult.MaxViolations));
        Assert.That(result.Violations.Select(v => v.Path), Is.EqualTo(Enumerable.Range(0, 20).Select(i => $"x{i}")));
    }

    [Test]
    public void Long_unknown_property_name_is_clipped_in_path()
    {
        var name = new string('n', 1000);

        var violation = NoRequired.Validate($$"""{"{{name}}":1}""").Violations.Single();

        Assert.That(violation.Path, Has.Length.LessThan(100));
        Assert.That(violation.Path, Does.StartWith("nnnn").And.EndWith("…"));
    }

    [Test]
    public void Object_where_scalar_expected_is_a_type_violation()
    {
        var result = Authorize.Validate("""{"idTagInfo":{"status":{"value":"Accepted"}}}""");

        Assert.That(result.Violations, Is.EqualTo(new[]
        {
            new SchemaViolation(SchemaViolationKind.Type, "idTagInfo.status", "idTagInfo.status: expected string but found object"),
        }));
    }
}
