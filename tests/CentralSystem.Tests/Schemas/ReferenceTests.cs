using CentralSystem.Ocpp.Schemas;

namespace CentralSystem.Tests.Schemas;

[TestFixture]
public sealed class ReferenceTests
{
    [Test]
    public void Ref_chain_resolves_to_the_final_definition()
    {
        var schema = TestSchemas.Compile("""
            {
              "definitions": {
                "IdTokenType": { "$ref": "#/definitions/IdentifierString" },
                "IdentifierString": { "$ref": "#/definitions/String20" },
                "String20": { "type": "string", "maxLength": 20 }
              },
              "type": "object",
              "properties": { "idToken": { "$ref": "#/definitions/IdTokenType" } },
              "required": ["idToken"]
            }
            """);

        Assert.That(schema.Validate("""{"idToken":"ABC"}""").IsValid, Is.True);
        Assert.That(schema.Validate("""{"idToken":"123456789012345678901"}""").Violations.Single().Path, Is.EqualTo("idToken"));
    }

    [Test]
    public void Shared_definition_reports_the_path_of_each_use()
    {
        var schema = TestSchemas.Compile("""
            {
              "definitions": {
                "EVSEType": {
                  "type": "object",
                  "properties": { "id": { "type": "integer", "minimum": 0 } },
                  "additionalProperties": false,
                  "required": ["id"]
                }
              },
              "type": "object",
              "properties": {
                "evse": { "$ref": "#/definitions/EVSEType" },
                "list": { "type": "array", "items": { "$ref": "#/definitions/EVSEType" } }
              }
            }
            """);

        var result = schema.Validate("""{"evse":{"id":-1},"list":[{"id":1},{}]}""");

        Assert.That(result.Violations.Select(v => (v.Kind, v.Path)), Is.EqualTo(new[]
        {
            (SchemaViolationKind.Minimum, "evse.id"),
            (SchemaViolationKind.Required, "list[1].id"),
        }));
    }

    [Test]
    public void Recursive_definition_validates_nested_levels()
    {
        var schema = TestSchemas.Compile("""
            {
              "definitions": {
                "Node": {
                  "type": "object",
                  "properties": { "name": { "type": "string" }, "children": { "type": "array", "items": { "$ref": "#/definitions/Node" } } },
                  "additionalProperties": false
                }
              },
              "$ref": "#/definitions/Node"
            }
            """);

        Assert.That(schema.Validate("""{"name":"a","children":[{"children":[{"name":"c"}]}]}""").IsValid, Is.True);
        Assert.That(schema.Validate("""{"children":[{"children":[{"name":1}]}]}""").Violations.Single().Path, Is.EqualTo("children[0].children[0].name"));
    }

    [TestCase(32, SchemaViolationKind.Type)] // 63 nested containers, the reader's limit is 64
    [TestCase(33, SchemaViolationKind.InvalidJson)]
    public void Recursive_definition_is_bounded_by_the_reader_depth(int levels, SchemaViolationKind expected)
    {
        var schema = TestSchemas.Compile("""
            {
              "definitions": {
                "Node": {
                  "type": "object",
                  "properties": { "name": { "type": "string" }, "children": { "type": "array", "items": { "$ref": "#/definitions/Node" } } },
                  "additionalProperties": false
                }
              },
              "$ref": "#/definitions/Node"
            }
            """);
        var json = string.Concat(Enumerable.Repeat("{\"children\":[", levels - 1)) + "{\"name\":1}" + string.Concat(Enumerable.Repeat("]}", levels - 1));

        var violation = schema.Validate(json).Violations.Single();

        Assert.That(violation.Kind, Is.EqualTo(expected));
        if (expected == SchemaViolationKind.Type)
        {
            Assert.That(violation.Path, Is.EqualTo(string.Concat(Enumerable.Repeat("children[0].", levels - 1)) + "name"));
        }
    }

    [Test]
    public void Unresolvable_ref_fails_compilation()
    {
        Assert.That(
            () => TestSchemas.Compile("""{ "type": "object", "properties": { "a": { "$ref": "#/definitions/Missing" } } }"""),
            Throws.TypeOf<SchemaCompilationException>().With.Message.Contains("does not resolve"));
    }

    [Test]
    public void Ref_cycle_without_a_schema_fails_compilation()
    {
        Assert.That(
            () => TestSchemas.Compile("""
                { "definitions": { "A": { "$ref": "#/definitions/B" }, "B": { "$ref": "#/definitions/A" } }, "type": "object" }
                """),
            Throws.TypeOf<SchemaCompilationException>().With.Message.Contains("cycle"));
    }

    [Test]
    public void External_ref_fails_compilation()
    {
        Assert.That(
            () => TestSchemas.Compile("""{ "type": "object", "properties": { "a": { "$ref": "other.json#/definitions/X" } } }"""),
            Throws.TypeOf<SchemaCompilationException>());
    }
}
